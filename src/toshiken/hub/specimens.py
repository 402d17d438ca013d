"""Specimen content for the simulator: plausible headlines per source, and events cross-posted."""

from __future__ import annotations

from datetime import datetime, timedelta

from toshiken.hub.dates import JST
from toshiken.hub.samples import SampleItem
from toshiken.hub.sources import Source

POOLS: dict[str, tuple[str, ...]] = {
    "": (
        "{town}広報誌{m}月号を掲載しました",
        "令和7年度 住民税の納税通知書を発送しました",
        "マイナンバーカードの休日窓口を開設します",
        "{town}議会{m}月定例会の日程について",
        "ごみ収集日程の変更について（{m}月）",
        "狂犬病予防注射の実施について",
        "水道料金のお支払い方法が増えました",
        "特定健診の受診を受け付けています",
        "プレミアム付商品券の販売について",
        "図書館の臨時休館について（{m}月{d}日）",
        "ふるさと納税の返礼品を追加しました",
        "介護保険料の納付についてのお知らせ",
    ),
    "イベント": (
        "{town}夏まつりを開催します",
        "星空観望会の参加者を募集します（{m}月{d}日）",
        "{town}マルシェ（{m}月）のご案内",
        "親子ふれあいコンサートを開催します",
        "ウォーキング大会の参加者募集",
        "郷土資料館企画展「{town}の歴史と文化」",
        "道の駅収穫祭を開催します",
        "映画上映会（{m}月{d}日）",
        "花火大会の交通規制について",
        "スタンプラリーを実施します",
    ),
    "防災": (
        "令和7年度 {town}総合防災訓練を実施します",
        "ハザードマップを更新しました",
        "指定避難所の一覧",
        "大雨に備えて土のうを配布します",
        "防災行政無線の試験放送について（{m}月{d}日）",
        "台風接近に伴う避難所の開設について",
        "消防団員を募集しています",
        "家庭での備蓄品を確認しましょう",
    ),
    "入札・契約": (
        "入札結果（令和7年{m}月分）",
        "指名競争入札の公告（{town}町道改良工事 第{d}工区）",
        "業務委託に係る公募型プロポーザルの実施について",
        "物品購入の見積合わせ（{m}月）",
        "入札参加資格審査申請の受付について",
        "公有財産（土地）の売却について",
    ),
    "募集・採用": (
        "令和8年度 {town}職員採用試験のお知らせ",
        "会計年度任用職員（事務補助）を募集します",
        "地域おこし協力隊を募集しています",
        "保育士の求人情報",
        "審議会委員を公募します",
        "臨時職員の登録者を募集します",
    ),
    "子育て": (
        "子育て支援センターの{m}月の行事予定",
        "児童手当の現況届について",
        "病児保育の利用について",
        "乳幼児健診の日程（{m}月）",
        "放課後児童クラブの利用申込",
        "赤ちゃん訪問を行っています",
    ),
}

# Stories every listed town posts in its own words (title variants in posting order).
SHARED_EVENTS: tuple[tuple[str, ...], ...] = (
    (
        "くまもと都市圏合同就職説明会を開催します",
        "くまもと都市圏合同就職説明会の開催について",
        "【都市圏】くまもと都市圏合同就職説明会のご案内",
    ),
    (
        "熊本連携中枢都市圏 婚活セミナー参加者募集",
        "熊本連携中枢都市圏婚活セミナーの参加者を募集",
        "【参加者募集】熊本連携中枢都市圏 婚活セミナー",
    ),
    (
        "圏域共同フードドライブを実施します",
        "圏域共同フードドライブの実施について",
        "圏域共同フードドライブにご協力ください",
    ),
    (
        "くまもと都市圏インターンシップ参加学生募集",
        "くまもと都市圏インターンシップの参加学生を募集",
        "くまもと都市圏インターンシップ 参加学生募集のお知らせ",
    ),
    (
        "連携中枢都市圏 在宅医療講演会のご案内",
        "連携中枢都市圏在宅医療講演会を開催します",
        "在宅医療講演会（連携中枢都市圏）のお知らせ",
    ),
    (
        "市民後見人養成講座受講者募集（連携中枢都市圏）",
        "連携中枢都市圏 市民後見人養成講座の受講者募集",
        "【圏域】市民後見人養成講座の受講者を募集します",
    ),
)
SHARED_LEAD = (
    "熊本連携中枢都市圏の市町村が共同で実施します。日時：令和7年{m}月{d}日、会場：熊本城ホール。"
    "申込は各市町村の担当窓口まで。"
)


def items_for(source: Source, town: str, index: int, count: int, now: datetime) -> list[SampleItem]:
    """`count` items for one source; `index` (the source's position) varies dates and wording."""
    pool = POOLS.get(source.category, POOLS[""])
    items = []
    for n in range(count):
        day = (now - timedelta(days=2 * n + index % 5)).astimezone(JST)
        template = pool[(n + index) % len(pool)]
        title = template.format(town=town, m=day.month, d=day.day)
        if n >= len(pool):
            title += f"（{day.month}月{day.day}日更新）"
        items.append(
            SampleItem(
                title=title,
                path=f"/kiji/{source.id}-{n:03d}.html",
                published=day.replace(hour=9, minute=0, second=0, microsecond=0),
                summary=f"{town}からのお知らせです。{title}。詳しくは本文をご覧ください。",
                category=source.category,
                location=f"{town}公民館",
            )
        )
    return items


def shared_items(story: int, variant: int, source: Source, now: datetime) -> SampleItem:
    """One town's post of a shared story (`variant` picks the wording)."""
    day = (now + timedelta(days=20 + story)).astimezone(JST)
    titles = SHARED_EVENTS[story]
    return SampleItem(
        title=titles[variant % len(titles)],
        path=f"/kiji/shared-{story}-{source.id}.html",
        published=(now - timedelta(days=story)).astimezone(JST).replace(microsecond=0),
        summary=SHARED_LEAD.format(m=day.month, d=day.day),
        category=source.category,
        location="熊本城ホール",
    )
