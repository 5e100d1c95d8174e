//! Word lists for plausible plans: people (Chinese and English names),
//! organisations by ring, program themes, deliverables and metrics.

/// (display name, ascii id part)
pub(super) const CHINESE_GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("美", "mei"),
    ("芳", "fang"),
    ("静", "jing"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("婷", "ting"),
    ("杰", "jie"),
    ("晓明", "xiaoming"),
    ("丽娜", "lina"),
    ("建华", "jianhua"),
    ("雪", "xue"),
];

pub(super) const CHINESE_FAMILY: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("周", "zhou"),
    ("林", "lin"),
];

pub(super) const GIVEN: &[&str] = &[
    "Ana", "Raj", "Maria", "James", "Priya", "Tom", "Sofia", "Lukas", "Emma", "Omar", "Nina",
    "David", "Chloe", "Kenji", "Fatima", "Lars", "Grace", "Mateo", "Zoe", "Ivan",
];

pub(super) const FAMILY: &[&str] = &[
    "Garcia", "Patel", "Smith", "Muller", "Rossi", "Kim", "Okafor", "Silva", "Nowak", "Dubois",
    "Tanaka", "Jensen", "Brown", "Haddad", "Lopez",
];

/// (role, org) for each ring: core, extended, partner.
pub(super) const ROLES: [&[(&str, &str)]; 3] = [
    &[
        ("Marketing strategist", "Marketing strategy"),
        ("Program lead", "Marketing programs"),
        ("Email specialist", "Demand center"),
        ("Search specialist", "Demand center"),
        ("Social media specialist", "Demand center"),
        ("Web specialist", "Demand center"),
        ("Events specialist", "Demand center"),
        ("ABM specialist", "Demand center"),
        ("Marketing operations", "Marketing operations"),
        ("Content writer", "Content"),
        ("Designer", "Creative & UX"),
        ("Data analyst", "Analytics"),
        ("IT specialist", "IT"),
    ],
    &[
        ("Brand manager", "Brand"),
        ("Product manager", "Product"),
        ("Sales director", "Sales"),
        ("Service lead", "Customer service"),
        ("Finance partner", "Finance"),
        ("Legal counsel", "Legal"),
    ],
    &[
        ("Account director", "Northwind Agency"),
        ("Media buyer", "Contoso Media"),
        ("Platform manager", "Fabrikam Cloud"),
        ("Data provider", "Tailspin Data"),
        ("Video producer", "蓝天视频 Blue Sky Video"),
        ("PR consultant", "Litware PR"),
    ],
];

pub(super) const THEMES: &[&str] = &[
    "春季新品发布 Spring launch",
    "Summer webinar series",
    "双十一 Singles' Day promotion",
    "Partner summit",
    "Brand refresh",
    "Customer advocacy",
    "EMEA demand generation",
    "Product-led growth",
    "年终大促 Year-end sale",
    "Trade show season",
    "Loyalty programme",
    "Analyst relations",
];

pub(super) const GOALS: &[&str] = &[
    "1,200 MQLs by the end of the quarter",
    "20% more pipeline from partners",
    "Raise brand awareness in target accounts",
    "Double webinar attendance",
    "Launch on time in every region",
];

pub(super) const MILESTONES: &[&str] = &[
    "Kick-off",
    "Creative sign-off",
    "Launch day",
    "发布会 Press event",
    "Mid-campaign review",
    "Wrap-up",
];

pub(super) const THINGS: &[&str] = &[
    "Creative brief",
    "Landing page",
    "Email nurture sequence",
    "Paid search campaign",
    "Social calendar",
    "Webinar",
    "Event booth",
    "Press release",
    "Sales enablement deck",
    "Product one-pager",
    "Analytics dashboard",
    "Launch video",
    "Banner set",
    "Co-marketing kit",
    "ABM account list",
    "SEO audit",
    "Lead scoring model",
    "Budget sign-off",
    "Legal review",
    "海报设计 Poster design",
    "微信推文 WeChat article",
    "Translation (zh-CN)",
];

pub(super) const NOTES: &[&str] = &[
    "Waiting on legal sign-off",
    "Blocked by budget approval",
    "Agency capacity is short this month",
    "等待品牌审核 Waiting for brand review",
];

/// (id, name, unit, target, tenths): `tenths` targets are written as floats.
pub(super) const METRICS: &[(&str, &str, &str, u32, bool)] = &[
    ("mql", "Marketing-qualified leads", "leads", 1200, false),
    ("sql", "Sales-qualified leads", "leads", 300, false),
    ("pipeline", "Pipeline", "kEUR", 2500, false),
    ("ctr", "Click-through rate", "%", 35, true),
    ("attendees", "Event attendees", "people", 800, false),
    ("nps", "Net promoter score", "points", 45, false),
];
