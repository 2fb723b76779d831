/** The demo world: realistic devices, places and people. Prices in KRW. */

export const DEMO_PASSWORD = "demo-password";

export const orgs = {
  retailer: { kind: "retailer", name: "허브 다이렉트", nameEn: "Hub Direct" },
  marketing: { kind: "marketing", name: "마케팅본부", nameEn: "Marketing Division" },
  dealer1: { kind: "dealer", name: "강남모바일 대리점", nameEn: "Gangnam Mobile Agency" },
  dealer2: { kind: "dealer", name: "영남텔레콤 대리점", nameEn: "Yeongnam Telecom Agency" },
  seller1: { kind: "seller", name: "디지털플라자", nameEn: "Digital Plaza" },
  seller2: { kind: "seller", name: "스마트홈랩", nameEn: "SmartHome Lab" },
} as const;
export type OrgKey = keyof typeof orgs;

export const demoUsers: { email: string; name: string; role: "customer" | "dealer" | "marketing" | "seller"; org?: OrgKey }[] = [
  { email: "customer@demo.test", name: "김민지", role: "customer" },
  { email: "customer2@demo.test", name: "이서준", role: "customer" },
  { email: "dealer@demo.test", name: "박지훈 (강남모바일)", role: "dealer", org: "dealer1" },
  { email: "dealer2@demo.test", name: "최수아 (영남텔레콤)", role: "dealer", org: "dealer2" },
  { email: "marketing@demo.test", name: "정하늘 (마케팅본부)", role: "marketing", org: "marketing" },
  { email: "seller@demo.test", name: "한도윤 (디지털플라자)", role: "seller", org: "seller1" },
  { email: "seller2@demo.test", name: "윤채원 (스마트홈랩)", role: "seller", org: "seller2" },
  { email: "store@demo.test", name: "오세훈 (허브 다이렉트)", role: "seller", org: "retailer" },
];

type Loc = {
  code: string;
  kind: "logistics_center" | "org_hub" | "dealer_hub" | "seller_warehouse";
  name: string;
  nameEn: string;
  region: string;
  address: string;
  operator: OrgKey;
};

export const demoLocations: Loc[] = [
  { code: "LC-ICHEON", kind: "logistics_center", name: "수도권 물류센터 (이천)", nameEn: "Capital Area Logistics Center (Icheon)", region: "gyeonggi", address: "경기도 이천시 마장면 물류로 120", operator: "marketing" },
  { code: "LC-DAEJEON", kind: "logistics_center", name: "중부 물류센터 (대전)", nameEn: "Central Logistics Center (Daejeon)", region: "daejeon", address: "대전광역시 대덕구 대화로 45", operator: "marketing" },
  { code: "LC-GWANGJU", kind: "logistics_center", name: "호남 물류센터 (광주)", nameEn: "Honam Logistics Center (Gwangju)", region: "gwangju", address: "광주광역시 광산구 하남산단로 88", operator: "marketing" },
  { code: "LC-DAEGU", kind: "logistics_center", name: "대구경북 물류센터 (대구)", nameEn: "Daegu Logistics Center", region: "daegu", address: "대구광역시 달서구 성서공단로 210", operator: "marketing" },
  { code: "LC-BUSAN", kind: "logistics_center", name: "동남권 물류센터 (부산)", nameEn: "Southeast Logistics Center (Busan)", region: "busan", address: "부산광역시 강서구 녹산산단로 300", operator: "marketing" },
  { code: "HUB-JONGNO", kind: "org_hub", name: "종로 직영 HUB", nameEn: "Jongno Direct HUB", region: "seoul", address: "서울특별시 종로구 종로 51", operator: "marketing" },
  { code: "HUB-INCHEON", kind: "org_hub", name: "인천 송도 직영 HUB", nameEn: "Incheon Songdo Direct HUB", region: "incheon", address: "인천광역시 연수구 컨벤시아대로 165", operator: "marketing" },
  { code: "HUB-DUNSAN", kind: "org_hub", name: "대전 둔산 직영 HUB", nameEn: "Daejeon Dunsan Direct HUB", region: "daejeon", address: "대전광역시 서구 둔산로 100", operator: "marketing" },
  { code: "HUB-GANGNAM", kind: "dealer_hub", name: "강남역 대리점 HUB", nameEn: "Gangnam Station Dealer HUB", region: "seoul", address: "서울특별시 강남구 강남대로 396", operator: "dealer1" },
  { code: "HUB-BUNDANG", kind: "dealer_hub", name: "분당 서현 대리점 HUB", nameEn: "Bundang Seohyeon Dealer HUB", region: "gyeonggi", address: "경기도 성남시 분당구 서현로 170", operator: "dealer1" },
  { code: "HUB-HAEUNDAE", kind: "dealer_hub", name: "해운대 대리점 HUB", nameEn: "Haeundae Dealer HUB", region: "busan", address: "부산광역시 해운대구 해운대로 620", operator: "dealer2" },
  { code: "HUB-DONGSEONGNO", kind: "dealer_hub", name: "대구 동성로 대리점 HUB", nameEn: "Daegu Dongseongno Dealer HUB", region: "daegu", address: "대구광역시 중구 동성로 30", operator: "dealer2" },
  { code: "WH-DIGITALPLAZA", kind: "seller_warehouse", name: "디지털플라자 김포 창고", nameEn: "Digital Plaza Gimpo Warehouse", region: "gyeonggi", address: "경기도 김포시 고촌읍 아라육로 55", operator: "seller1" },
  { code: "WH-SMARTHOME", kind: "seller_warehouse", name: "스마트홈랩 천안 창고", nameEn: "SmartHome Lab Cheonan Warehouse", region: "chungcheong", address: "충청남도 천안시 서북구 백석공단로 20", operator: "seller2" },
];

type Opt = { code: string; ko: string; en: string; values: { ko: string; en: string }[] };
export type DemoProduct = {
  key: string;
  seller: OrgKey;
  type: "stock" | "reservation";
  status?: "draft" | "in_review" | "on_sale";
  category: "phone" | "tablet" | "wearable" | "router" | "settop" | "accessory" | "service";
  brand: string;
  ko: string;
  en: string;
  descKo: string;
  descEn: string;
  skuPrefix: string;
  options: Opt[];
  /** Price of the first combination, and the extra per value index of the last option (e.g. storage). */
  basePrice: number;
  step?: number;
};

const colors = (pairs: [string, string][]) => pairs.map(([ko, en]) => ({ ko, en }));
const storage = (...sizes: string[]) => ({ code: "storage", ko: "저장용량", en: "Storage", values: sizes.map((s) => ({ ko: s, en: s })) });

export const demoProducts: DemoProduct[] = [
  {
    key: "s25", seller: "retailer", type: "stock", category: "phone", brand: "Samsung",
    ko: "갤럭시 S25", en: "Galaxy S25",
    descKo: "Galaxy AI를 품은 6.2형 컴팩트 플래그십. 스냅드래곤 8 Elite for Galaxy.",
    descEn: "A compact 6.2\" flagship with Galaxy AI and Snapdragon 8 Elite for Galaxy.",
    skuPrefix: "SM-S931N", basePrice: 1_155_000, step: 154_000,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["아이시블루", "Icy Blue"], ["네이비", "Navy"], ["민트", "Mint"]]) }, storage("256GB", "512GB")],
  },
  {
    key: "s25u", seller: "retailer", type: "stock", category: "phone", brand: "Samsung",
    ko: "갤럭시 S25 울트라", en: "Galaxy S25 Ultra",
    descKo: "S펜 내장, 2억 화소 카메라, 티타늄 프레임.", descEn: "Built-in S Pen, 200 MP camera, titanium frame.",
    skuPrefix: "SM-S938N", basePrice: 1_698_400, step: 154_000,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["티타늄 실버블루", "Titanium Silverblue"], ["티타늄 블랙", "Titanium Black"]]) }, storage("256GB", "512GB")],
  },
  {
    key: "flip6", seller: "retailer", type: "stock", category: "phone", brand: "Samsung",
    ko: "갤럭시 Z 플립6", en: "Galaxy Z Flip6",
    descKo: "주머니 속 플렉스캠, 커진 배터리.", descEn: "FlexCam in your pocket, with a bigger battery.",
    skuPrefix: "SM-F741N", basePrice: 1_485_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["실버 섀도우", "Silver Shadow"], ["옐로우", "Yellow"]]) }, storage("256GB")],
  },
  {
    key: "ip16", seller: "retailer", type: "stock", category: "phone", brand: "Apple",
    ko: "아이폰 16", en: "iPhone 16",
    descKo: "카메라 컨트롤과 A18 칩.", descEn: "Camera Control and the A18 chip.",
    skuPrefix: "IP16", basePrice: 1_250_000, step: 150_000,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["블랙", "Black"], ["화이트", "White"], ["핑크", "Pink"]]) }, storage("128GB", "256GB")],
  },
  {
    key: "ip16pro", seller: "retailer", type: "stock", category: "phone", brand: "Apple",
    ko: "아이폰 16 Pro", en: "iPhone 16 Pro",
    descKo: "티타늄 디자인, A18 Pro, 5배 망원.", descEn: "Titanium design, A18 Pro, 5x telephoto.",
    skuPrefix: "IP16P", basePrice: 1_550_000, step: 300_000,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["내추럴 티타늄", "Natural Titanium"], ["블랙 티타늄", "Black Titanium"]]) }, storage("128GB", "256GB")],
  },
  {
    key: "tabs10", seller: "retailer", type: "stock", category: "tablet", brand: "Samsung",
    ko: "갤럭시 탭 S10+ 5G", en: "Galaxy Tab S10+ 5G",
    descKo: "12.4형 다이내믹 AMOLED 2X, 5G 지원.", descEn: "12.4\" Dynamic AMOLED 2X with 5G.",
    skuPrefix: "SM-X826N", basePrice: 1_449_800, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["플래티넘 실버", "Platinum Silver"], ["문스톤 그레이", "Moonstone Gray"]]) }, storage("256GB")],
  },
  {
    key: "watch7", seller: "retailer", type: "stock", category: "wearable", brand: "Samsung",
    ko: "갤럭시 워치7 LTE", en: "Galaxy Watch7 LTE",
    descKo: "폰 없이도 통화와 데이터.", descEn: "Calls and data without your phone.",
    skuPrefix: "SM-L315N", basePrice: 429_000, step: 30_000,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["그린", "Green"], ["실버", "Silver"]]) }, { code: "size", ko: "크기", en: "Size", values: [{ ko: "40mm", en: "40mm" }, { ko: "44mm", en: "44mm" }] }],
  },
  {
    key: "s26pre", seller: "retailer", type: "reservation", category: "phone", brand: "Samsung",
    ko: "갤럭시 S26 사전예약", en: "Galaxy S26 Pre-order",
    descKo: "출시일 우선 배송. 한정 수량, 1인 1대.", descEn: "Delivered on launch day. Limited allocation, one per customer.",
    skuPrefix: "SM-S941N-PRE", basePrice: 1_254_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["코발트 바이올렛", "Cobalt Violet"], ["스카이 블루", "Sky Blue"]]) }, storage("256GB")],
  },
  {
    key: "ip17pre", seller: "retailer", type: "reservation", category: "phone", brand: "Apple",
    ko: "아이폰 17 사전예약", en: "iPhone 17 Pre-order",
    descKo: "1차 출시 물량 사전예약.", descEn: "Pre-order from the first launch allocation.",
    skuPrefix: "IP17-PRE", basePrice: 1_290_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["라벤더", "Lavender"]]) }, storage("256GB")],
  },
  {
    key: "activation", seller: "retailer", type: "reservation", category: "service", brand: "Hub Direct",
    ko: "개통·기기 설정 상담 예약", en: "Activation & device set-up appointment",
    descKo: "가까운 HUB에서 개통, 데이터 이전, 기기 설정을 도와드립니다.", descEn: "Line activation, data transfer and set-up at a HUB near you.",
    skuPrefix: "SVC-SETUP", basePrice: 10_000, step: 0,
    options: [{ code: "service", ko: "서비스", en: "Service", values: [{ ko: "개통 + 설정", en: "Activation + set-up" }] }],
  },
  {
    key: "router", seller: "seller1", type: "stock", category: "router", brand: "ipTIME",
    ko: "기가 와이파이 6E 공유기", en: "Giga Wi-Fi 6E Router",
    descKo: "트라이밴드 6GHz, 기가비트 유선 4포트.", descEn: "Tri-band with 6 GHz and four gigabit ports.",
    skuPrefix: "DP-AX6E", basePrice: 129_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["화이트", "White"], ["블랙", "Black"]]) }],
  },
  {
    key: "buds3", seller: "seller1", type: "stock", category: "accessory", brand: "Samsung",
    ko: "갤럭시 버즈3 프로", en: "Galaxy Buds3 Pro",
    descKo: "적응형 노이즈 캔슬링.", descEn: "Adaptive noise cancelling.",
    skuPrefix: "DP-R630N", basePrice: 319_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["실버", "Silver"], ["화이트", "White"]]) }],
  },
  {
    key: "charger", seller: "seller1", type: "stock", category: "accessory", brand: "Samsung",
    ko: "45W 초고속 충전기", en: "45W Super Fast Charger",
    descKo: "USB-C PD 3.0 PPS.", descEn: "USB-C PD 3.0 with PPS.",
    skuPrefix: "DP-T4510", basePrice: 49_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["블랙", "Black"], ["화이트", "White"]]) }],
  },
  {
    key: "settop", seller: "seller2", type: "stock", category: "settop", brand: "SmartHome Lab",
    ko: "지니 TV 셋톱박스 4K", en: "Genie TV 4K Set-top Box",
    descKo: "4K HDR, 음성 리모컨 포함.", descEn: "4K HDR with a voice remote.",
    skuPrefix: "SH-STB4K", basePrice: 89_000, step: 0,
    options: [{ code: "model", ko: "모델", en: "Model", values: [{ ko: "기본형", en: "Standard" }, { ko: "AI 스피커형", en: "With AI speaker" }] }],
  },
  {
    key: "mesh", seller: "seller2", type: "stock", category: "router", brand: "SmartHome Lab",
    ko: "메시 와이파이 6 (3팩)", en: "Mesh Wi-Fi 6 (3-pack)",
    descKo: "집 전체를 끊김 없이.", descEn: "Seamless Wi-Fi for the whole home.",
    skuPrefix: "SH-MESH6", basePrice: 259_000, step: 0,
    options: [{ code: "pack", ko: "구성", en: "Pack", values: [{ ko: "3팩", en: "3-pack" }] }],
  },
  {
    key: "homecam", seller: "seller2", type: "stock", category: "accessory", brand: "SmartHome Lab",
    ko: "스마트 홈캠 360", en: "Smart Home Cam 360",
    descKo: "360도 회전, 야간 적외선.", descEn: "360° pan with infrared night vision.",
    skuPrefix: "SH-CAM360", basePrice: 69_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["화이트", "White"]]) }],
  },
  {
    key: "stb5pre", seller: "seller2", type: "reservation", category: "settop", brand: "SmartHome Lab",
    ko: "지니 TV 셋톱박스 5 사전예약", en: "Genie TV Set-top Box 5 Pre-order",
    descKo: "차세대 셋톱박스 출시 물량 사전예약.", descEn: "Pre-order the next-generation box from the launch batch.",
    skuPrefix: "SH-STB5-PRE", basePrice: 119_000, step: 0,
    options: [{ code: "model", ko: "모델", en: "Model", values: [{ ko: "기본형", en: "Standard" }] }],
  },
  {
    key: "powerbank", seller: "seller1", type: "stock", status: "in_review", category: "accessory", brand: "Digital Plaza",
    ko: "20000mAh 보조배터리", en: "20,000 mAh Power Bank",
    descKo: "심사 중인 신제품.", descEn: "A new listing awaiting review.",
    skuPrefix: "DP-PB20K", basePrice: 39_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["그레이", "Gray"]]) }],
  },
  {
    key: "remote", seller: "seller2", type: "stock", status: "draft", category: "accessory", brand: "SmartHome Lab",
    ko: "블루투스 음성 리모컨", en: "Bluetooth Voice Remote",
    descKo: "작성 중인 상품.", descEn: "A draft listing.",
    skuPrefix: "SH-RMT-BT", basePrice: 25_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["블랙", "Black"]]) }],
  },
  // Last, so that the seed's random stock of the products above stays what it was.
  {
    key: "powerbank10k", seller: "retailer", type: "stock", category: "accessory", brand: "Samsung",
    ko: "25W 무선 보조배터리 10000mAh", en: "25W Wireless Power Bank 10,000 mAh",
    descKo: "USB-C 25W 출력과 무선 충전을 한 번에.", descEn: "25 W USB-C output and wireless charging in one.",
    skuPrefix: "EB-U2510", basePrice: 59_000, step: 0,
    options: [{ code: "color", ko: "색상", en: "Colour", values: colors([["블랙", "Black"], ["화이트", "White"]]) }],
  },
];
