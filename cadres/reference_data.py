"""Seed values of the reference lists (editable in admin afterwards). Codes follow the national
standards where one exists: 民族 GB/T 3304, 政治面貌 GB/T 4762."""

ETHNICITIES = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 "
    "傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 "
    "毛南族 "
    "仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()

# (name, is_party_member)
POLITICAL_STATUSES = [
    ("中共党员", True),
    ("中共预备党员", True),
    ("共青团员", False),
    ("民革党员", False),
    ("民盟盟员", False),
    ("民建会员", False),
    ("民进会员", False),
    ("农工党党员", False),
    ("致公党党员", False),
    ("九三学社社员", False),
    ("台盟盟员", False),
    ("无党派人士", False),
    ("群众", False),
]

EDUCATIONS = ["博士研究生", "硕士研究生", "大学本科", "大学专科", "中等专科", "高中及以下"]

DEGREES = ["博士", "硕士", "学士", "无学位"]

# Other spellings of the lists' entries that rosters and the 《干部任免审批表》 use (its 学历 column
# writes 研究生, 大学, 大专, 中专, 高中), taken as synonyms of the entries (kind -> word -> entry).
# 研究生 without 博士 is read as 硕士研究生: a doctor's 任免表 usually writes 博士研究生 in full.
SYNONYMS = {
    "political_status": {"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员"},
    "education": {
        "研究生": "硕士研究生",
        "硕士": "硕士研究生",
        "博士": "博士研究生",
        "大学": "大学本科",
        "本科": "大学本科",
        "大专": "大学专科",
        "专科": "大学专科",
        "中专": "中等专科",
        "中技": "中等专科",
        "高中": "高中及以下",
        "初中": "高中及以下",
    },
    "degree": {"无": "无学位"},
}

# (name, order): order rises with seniority; order // 10 is the band (科员 1, 副科 3, 正科 4, 副处 5, ...)
RANKS = [
    ("二级科员", 10),
    ("一级科员", 20),
    ("副科级", 30),
    ("四级主任科员", 31),
    ("三级主任科员", 32),
    ("正科级", 40),
    ("二级主任科员", 41),
    ("一级主任科员", 42),
    ("副处级", 50),
    ("四级调研员", 51),
    ("三级调研员", 52),
    ("正处级", 60),
    ("二级调研员", 61),
    ("一级调研员", 62),
    ("副厅级", 70),
]


def load(apps) -> None:
    """Insert missing values (idempotent); used by the data migration."""
    Ethnicity = apps.get_model("cadres", "Ethnicity")
    PoliticalStatus = apps.get_model("cadres", "PoliticalStatus")
    Education = apps.get_model("cadres", "Education")
    Degree = apps.get_model("cadres", "Degree")
    Rank = apps.get_model("cadres", "Rank")
    for i, name in enumerate(ETHNICITIES, start=1):
        Ethnicity.objects.get_or_create(name=name, defaults={"code": f"{i:02d}", "order": i})
    for i, (name, party) in enumerate(POLITICAL_STATUSES, start=1):
        PoliticalStatus.objects.get_or_create(
            name=name, defaults={"code": f"{i:02d}", "order": i, "is_party_member": party}
        )
    for i, name in enumerate(EDUCATIONS, start=1):
        Education.objects.get_or_create(name=name, defaults={"order": i})
    for i, name in enumerate(DEGREES, start=1):
        Degree.objects.get_or_create(name=name, defaults={"order": i})
    for name, order in RANKS:
        Rank.objects.get_or_create(name=name, defaults={"order": order})
