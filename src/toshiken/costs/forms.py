"""The two upload forms: a usage file to settle (and maybe save), and a population set."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData, UploadFile

from toshiken.accounts.guard import Forbidden
from toshiken.accounts.model import User
from toshiken.accounts.permissions import can_edit_municipality, is_internal, is_secretariat
from toshiken.core.text import nfkc
from toshiken.costs import store
from toshiken.costs.catalog import Catalog
from toshiken.costs.populations import PopulationFileError, parse_population_file
from toshiken.costs.rows import Row, population_row
from toshiken.costs.settlement import KINDS, fixed_provider
from toshiken.costs.terms import SettleKind
from toshiken.costs.uploads import (
    Issue,
    Prices,
    Settled,
    SettleRefused,
    parse_prices,
    save,
    save_population,
    settle,
)

MAX_FILE = 5 * 1024 * 1024
TEXT_FIELDS = (
    "kind", "fy", "basic_cost", "additions", "yen_per_tonne", "cost", "rounding", "save",
    "output", "name", "as_of", "source",
)  # fmt: skip


@dataclass(frozen=True)
class Sent:
    """A submitted form: its text fields as typed, and its files (name, bytes)."""

    values: dict[str, str]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


async def read_form(form: FormData) -> Sent:
    """The fields this feature's forms use; empty file inputs count as absent."""
    values = {k: v.strip() for k in TEXT_FIELDS if isinstance(v := form.get(k), str)}
    files = {}
    for key in ("usage", "prices", "file"):
        upload = form.get(key)
        if isinstance(upload, UploadFile) and upload.filename:
            files[key] = (upload.filename, await upload.read(MAX_FILE + 1))
    return Sent(values, files)


def settle_sent(
    sessions: sessionmaker[Session], catalog: Catalog, user: User | None, sent: Sent, now: datetime
) -> tuple[Settled, bool]:
    """Settle the sent usage file; save it when asked and allowed. SettleRefused saves nothing."""
    issues: list[Issue] = []
    kind = _kind(sent.values.get("kind", ""), issues)
    fiscal_year = _year(sent.values.get("fy", ""), "fy", issues)
    usage = sent.files.get("usage")
    if usage is None:
        issues.append(Issue("usage", "利用実績ファイル（CSV または .xlsx）を選んでください"))
    elif len(usage[1]) > MAX_FILE:
        issues.append(Issue("usage", "ファイルが大きすぎます（5MBまで）"))
    prices = Prices()
    try:
        prices = parse_prices(sent.values)
    except SettleRefused as error:
        issues += error.issues
    if "prices" in sent.files:
        try:
            prices = Prices(text=sent.files["prices"][1].decode("utf-8-sig"))
        except UnicodeDecodeError:
            issues.append(Issue("prices", "単価ファイルを UTF-8 のテキストとして読めません"))
    if issues:
        raise SettleRefused(issues)
    assert kind is not None and fiscal_year is not None and usage is not None
    settled = settle(catalog, kind, fiscal_year, prices, usage=usage[1])
    if not sent.values.get("save"):
        return settled, False
    if user is None or not is_internal(user):
        raise Forbidden("sign in to save usage records")
    names = {m.code: m.name for m in catalog.vision.municipalities}
    fixed = fixed_provider(kind, catalog.rule(KINDS[kind].initiative_id), names)
    providers = {r.provider or fixed for r in settled.records} - {None}
    if not all(can_edit_municipality(user, str(code)) for code in providers):
        reason = "保存できるのは事務局と、提供自治体の担当者です（精算書の表示と出力はできます）"
        raise SettleRefused([Issue("save", reason)])
    save(sessions, settled, usage[0], user.actor, now)
    return settled, True


def add_population_set(
    sessions: sessionmaker[Session], catalog: Catalog, user: User | None, sent: Sent, now: datetime
) -> Row:
    """Store a population set from the sent file (secretariat only); SettleRefused lists why not."""
    if not is_secretariat(user):
        raise Forbidden("only the secretariat may add population sets")
    assert user is not None
    issues: list[Issue] = []
    name = sent.values.get("name", "")
    source = sent.values.get("source", "")
    as_of = _date(sent.values.get("as_of", ""), issues)
    upload = sent.files.get("file")
    if upload is None:
        issues.append(Issue("file", "人口データのファイル（CSV または .xlsx）を選んでください"))
    if not name:
        issues.append(Issue("name", "名前を入力してください"))
    if not source:
        issues.append(Issue("source", "出典を入力してください"))
    if issues:
        raise SettleRefused(issues)
    assert upload is not None and as_of is not None
    names = {m.code: m.name for m in catalog.vision.municipalities}
    try:
        population = parse_population_file(upload[1], names, name=name, as_of=as_of, source=source)
        set_id = save_population(sessions, population, user.actor, now)
    except PopulationFileError as error:
        raise SettleRefused(
            [Issue("file", p.reason, p.row or None, p.column) for p in error.problems]
        ) from error
    except store.StoreError as error:
        raise SettleRefused([Issue("name", str(error))]) from error
    with sessions() as session:
        stored = store.population_set(session, set_id)
    assert stored is not None
    return population_row(stored[0])


def _kind(text: str, issues: list[Issue]) -> SettleKind | None:
    try:
        return SettleKind(text)
    except ValueError:
        choices = "、".join(k.value for k in SettleKind)
        issues.append(Issue("kind", f"精算の種類を選んでください（{choices}）"))
        return None


def _year(text: str, name: str, issues: list[Issue]) -> int | None:
    value = nfkc(text).removesuffix("年度").strip()
    if value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    issues.append(Issue(name, "年度を西暦で入力してください（例 2024）"))
    return None


def _date(text: str, issues: list[Issue]) -> date | None:
    try:
        return date.fromisoformat(nfkc(text).strip())
    except ValueError:
        issues.append(Issue("as_of", "基準日を YYYY-MM-DD で入力してください（例 2025-10-01）"))
        return None
