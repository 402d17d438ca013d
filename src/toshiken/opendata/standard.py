"""自治体標準オープンデータセット conventions: publisher columns, file names, event layout."""

from __future__ import annotations

from toshiken.opendata.model import Field

_PREFECTURE_NAMES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
)
PREFECTURES: dict[str, str] = {
    f"{number:02d}": name for number, name in enumerate(_PREFECTURE_NAMES.split(), start=1)
}
"""JIS X 0401: the first two digits of a local-government code name the prefecture."""

CODE = Field(
    "全国地方公共団体コード",
    "localGovernmentCode",
    description="全国地方公共団体コード（6桁、検査数字を含む）",
    required=True,
    pattern="[0-9]{6}",
)
NAME = Field(
    "地方公共団体名",
    "localGovernmentName",
    description="都道府県名と市区町村名（例：熊本県熊本市）",
)
ID = Field("ID", "identifier", description="公開者の中で一意の識別子", required=True, unique=True)


def local_government_name(code: str, name: str) -> str:
    """The standard's 地方公共団体名: the prefecture, then the municipality (熊本県合志市)."""
    return PREFECTURES[code[:2]] + name


def file_stem(code: str, suffix: str) -> str:
    """`{6-digit code}_{suffix}`, e.g. 431001_event: a standard dataset's name and file stem."""
    return f"{code}_{suffix}"


def _text(name: str, key: str, description: str = "", required: bool = False) -> Field:
    return Field(name, key, description=description, required=required)


def _time(name: str, key: str, required: bool = False) -> Field:
    return Field(
        name, key, description="時刻（hh:mm）", required=required, pattern="[0-9]{2}:[0-9]{2}"
    )


EVENT_SUFFIX = "event"
EVENT_TITLE = "イベント一覧"
EVENT_STANDARD = "自治体標準オープンデータセット 12 イベント一覧"
EVENT_FIELDS: tuple[Field, ...] = (
    CODE,
    ID,
    NAME,
    _text("イベント名", "eventName", required=True),
    _text("イベント名_カナ", "eventNameKana", "全角カナ"),
    _text("イベント名_英語", "eventNameEn"),
    Field("開始日", "startDate", "date", "YYYY-MM-DD", required=True),
    Field("終了日", "endDate", "date", "YYYY-MM-DD"),
    _time("開始時間", "startTime"),
    _time("終了時間", "endTime"),
    _text("開始日時特記事項", "startDateRemarks"),
    _text("説明", "description"),
    _text("料金(基本)", "basicFee"),
    _text("料金(詳細)", "feeDetails"),
    _text("連絡先名称", "contactName"),
    _text("連絡先電話番号", "contactPhoneNumber"),
    _text("連絡先内線番号", "contactExtensionNumber"),
    _text("主催者", "organizer"),
    _text("場所名称", "placeName"),
    _text("住所", "address"),
    _text("方書", "buildingNameEtc"),
    Field("緯度", "latitude", "number", "世界測地系、十進経緯度"),
    Field("経度", "longitude", "number", "世界測地系、十進経緯度"),
    _text("アクセス方法", "access"),
    _text("駐車場情報", "parking"),
    _text("定員", "capacity"),
    Field("参加申込終了日", "applicationEndDate", "date", "YYYY-MM-DD"),
    _time("参加申込終了時間", "applicationEndTime"),
    _text("参加申込方法", "applicationMethod"),
    _text("URL", "url"),
    _text("備考", "remarks"),
)
"""イベント一覧: the publisher block of the 正式版 sheets, then the 推奨データセット items in order.

The item names are the standard's; the English keys other than the shared block's are ours.
"""
