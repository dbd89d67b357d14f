"""The demo district's 2022 annual report (法治政府建设情况报告), with the seed's narrative section by section.

Figures of the lines that exist in sifa are placeholders ({{ reconsideration.received }} ...), computed from the
demo's records when the report is rendered; figures of lines not in sifa yet (enforcement,
appraisal, correction, publicity ...) stay staff-written text, as they would in a bureau that keeps those
records elsewhere. A placeholder whose line is not registered in this installation is written as the seed's
figure, and becomes a placeholder when `sifa demo` runs again after the line is installed (only in sections
nobody has edited since). Idempotent.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from sifa.core import metrics
from sifa.core.models import NumberSeries, User
from sifa.reports import services
from sifa.reports.models import AnnualReport, ReportSection

YEAR = 2022
THROUGH = date(2022, 10, 31)
DATED = date(2022, 11, 10)
ISSUING_UNIT = "PT-SFJ"
TITLE = "2022年度普陀区司法局|法治政府建设情况报告"
DOCUMENTS_BEFORE = 11  # documents the bureau had issued in 2022 before this report (沪普司〔2022〕1–11号)

# The seed's figures of the agreed metric keys, as the seed writes them (for lines not registered here).
SEED_FIGURES = {
    "reconsideration.received": "302", "reconsideration.pre_acceptance_resolved": "35",
    "reconsideration.accepted": "252", "reconsideration.not_accepted": "15", "reconsideration.concluded": "242",
    "reconsideration.carried_over_concluded": "60", "reconsideration.mediated": "124",
    "reconsideration.direct_corrections": "13", "reconsideration.resolution_rate": "51.2",
    "reconsideration.hearings_interviews": "97",
    "litigation.suits_received": "87", "litigation.suits_concluded": "139", "litigation.city_reconsiderations": "4",
    "litigation.hearings": "52", "litigation.head_appearances": "52", "litigation.appearance_rate": "100",
    "mediation.accepted": "6996", "mediation.successful": "6759", "mediation.success_rate": "96.61",
    "mediation.centre_accepted": "154", "mediation.centre_successful": "87",
    "mediation.prelitigation_started": "2915", "mediation.prelitigation_successful": "2619",
    "mediation.campaigns": "22", "mediation.cases_selected": "17", "mediation.cases_published": "8",
    "legalaid.cases": "1659", "legalaid.walk_in": "5234", "legalaid.calls_12348": "8527",
    "lawyers.licensing": "646", "lawyers.complaints": "106",
    "appraisal.complaints": "249", "appraisal.complaints_concluded_rate": "100", "appraisal.proposals": "2",
    "notary.accepted": "7741", "notary.civil_share": "89", "notary.online": "843",
    "enforcement.agencies_evaluated": "7", "enforcement.applications_reviewed": "601",
    "enforcement.certificates_issued": "161", "enforcement.adviser_work_items": "127",
    "enforcement.agreements_reviewed": "29",
    "correction.thematic_sessions": "123", "correction.individual_education": "9600",
    "correction.public_welfare": "290", "correction.learning_hours": "11958", "correction.counselling": "74",
    "governance.agencies_inspected": "7", "governance.topics_approved": "5", "governance.points": "25",
    "governance.points_grassroots": "20", "governance.points_specialised": "5",
    "publicity.contest_entries": "270", "publicity.contest_prizes": "34", "publicity.open_classes": "10",
    "publicity.online_views_wan": "10",
}
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z0-9_]+)\s*(?::\s*\d\s*)?\}\}")

# (level, heading, line whose generated paragraph is offered, paragraphs)
NARRATIVE = [
    (0, '', '', [
        '今年以来，普陀区司法局在区委、区政府的坚强领导下，在市司法局的精心指导下，坚持围绕中心、服务大局，坚持依法治国、依法执政、依法行政共同推进，法治国家、法治政府、法治社会一体建设，坚持疫情防控和业务工作统筹推进、重点突破，为我区建设“创新发展活力区、美好生活品质区”提供坚实法治保障和优质法律服务。今年作为全市唯一一家区级司法局荣获全国司法行政系统先进集体。',
    ]),
    (1, '一、基本情况和主要做法', '', [
    ]),
    (2, '（一）统筹推进全面依法治国', '', [
        '一是坚持党的领导，做好谋篇布局工作。召开区委全面依法治国委员会第四次全体（扩大）会议，部署全面依法治国重点任务，区委、区政府主要领导带头专题述法，实现区管党政主要负责人书面专题述法全覆盖。召开区委依法治国办第四次、第五次（扩大）会议，研究部署市委依法治市办法治督察整改、法治观察、法治建设示范创建、法治考核、法治规划贯彻落实等工作。制发《2022年度普陀区区级机关法治建设工作考核细则》《2022年度普陀区各街镇依法治理工作考核细则》《关于普陀区法治建设“两规划两意见”重点任务分工清单》，明确法治建设相关单位重点责任。',
        '二是坚持抓细抓实，做好法治督察工作。根据市委依法治市办要求，做好法治政府建设督察整改工作，开展法治上海建设“三个规划”法治督察自查及实地迎检工作，配合做好中央依法治国办转交线索自查相关工作。到区文旅局等{{ governance.agencies_inspected }}家执法单位开展行政执法专项法治督察，并修改完善落实全面从严治党主体责任专项调研方案及访谈提纲中涉及“履行法治建设职责”内容。',
        '三是坚持问题导向，加大法治调研力度。开展专项法治调研，{{ governance.topics_approved }}个依法治市调研课题被市委依法治市办立项。推荐区市场监管局申报《老旧住宅电梯维护保养质量检测》，获评区级“人民群众最期待的法治为民办实事项目”。',
        '四是坚持基层导向，深入推进示范创建、法治观察工作。制发《普陀区关于各街镇创建第二批“上海市法治建设示范街道乡镇”实施方案》，通过预创建等形式培育第二批创建街镇。制发《普陀区关于建立“基层法治观察点”和“基层法治观察员”的工作方案》，建立首批{{ governance.points }}家基层法治观察点并配备相应的基层法治观察员，形成全区“{{ governance.points_grassroots }}+{{ governance.points_specialised }}”基层法治观察工作网络。',
    ]),
    (2, '（二）持续深化行政复议体制改革', 'reconsideration', [
        '一是用心审理行政复议案件，贯彻复议为民理念。截至2022年10月底，区政府共收到行政复议申请{{ reconsideration.received }}件，其中案前化解{{ reconsideration.pre_acceptance_resolved }}件，受理{{ reconsideration.accepted }}件，不予受理{{ reconsideration.not_accepted }}件；受理后共审结行政复议{{ reconsideration.concluded }}件（含2021年结转{{ reconsideration.carried_over_concluded }}件），其中调解{{ reconsideration.mediated }}件，直接纠错{{ reconsideration.direct_corrections }}件。加强听证和电话调查力度，搭建当事人与行政机关沟通平台，共计开展听证谈话{{ reconsideration.hearings_interviews }}次。针对违建类复议案件，组织工作人员开展实地勘察，查清事实情况。疫情期间，做好复议网上申请受理工作，合理保障行政相对人的复议申请权；做好复议案件中止告知工作，确保行政复议程序的合法性。',
        '二是加强行政复议委员会建设，提高案件办理质量。完成行政复议委员会换届，召开区人民政府第四届行政复议委员会委员聘任仪式暨第一次全体会议。扩大和优化人员配置，吸纳人大代表、政协委员和公职律师代表，新增专家教授及市级执法部门专家领导，形成“结构更加优化、覆盖领域更加全面、专业力量更加雄厚”的复议委员队伍。制定《上海市普陀区人民政府行政复议委员会工作规则》，修订《上海市普陀区人民政府行政复议委员会章程》和《上海市普陀区人民政府行政复议委员会委员守则》。组织召开第四届行政复议委员会第一次案件审议会议，区长全程参与旁听并点评，在全市首创行政复议案件审议点评“二合一”的模式，得到法治日报的聚焦报道。通过定期召开复议委员会案审会的方式，安排行政机关现场接受质询，发挥委员会“智囊团”作用，提高案件办理质量。',
        '三是强化行政复议监督指导功效，突出矛盾化解主渠道作用。综合运用多种手段，搭建行政争议化解平台，拓宽化解渠道，调解终止{{ reconsideration.mediated }}件，矛盾化解率达{{ reconsideration.resolution_rate }}%。积极探索案前调解机制，将矛盾化解关口前移至受理阶段，共计化解矛盾纠纷{{ reconsideration.pre_acceptance_resolved }}件。制发2021年行政复议和行政诉讼工作情况报告、2021年治安处罚类行政复议工作报告，每季度制发复议诉讼情况通报，充分发挥通报制度作用。编撰2021年度《行政复议行政诉讼典型案例汇编》，报送的“21名行政行为相对人不服公安分局交通警察支队行政处罚决定案”成功入选“2022年度上海市行政复议十大典型案例”。',
        '四是深化行政复议体制改革，提升复议专业化水平。推进行政复议专业化规范化建设，研究制定行政复议接待、受理、审理、听证、公开、档案管理和工作纪律等七方面工作规范，细化案件办理流程，严明行政复议纪律。推进智慧复议听证室建设，实现专业化办案。不断优化人员配置，合理调整分工，加强集体学习讨论，促进全体人员办案能力提升。',
        '五是强化法治保障，助推法治政府建设。参加区政府及各委办局、街道镇召开的专题会议，研究讨论规划建设、土地使用、车位价格等事项，发表专业意见，保障政府依法行政。全力参与法治政府建设示范创建，完成行政复议局文化墙和接待大厅设计布置，精心准备行政复议卷宗。',
    ]),
    (2, '（三）全面提升行政应诉工作水平', 'litigation', [
        '一是认真做好行政诉讼应诉工作。承办区政府行政应诉案件，指导全区行政应诉工作。截至10月底，共收到以区政府为被告的行政诉讼案件{{ litigation.suits_received }}件，认真做好答辩准备、出庭应诉、协调化解等相关工作。法院共审结涉区政府行政诉讼{{ litigation.suits_concluded }}件，继续保持零败诉。共办理以区政府为被申请人的行政复议案件{{ litigation.city_reconsiderations }}件，无一件被纠错。严格落实行政诉讼案件办理情况及行政机关负责人出庭应诉情况定期报告制度，每季度汇总、收集行政应诉工作中的相关问题及建议向全区通报。',
        '二是巩固行政机关负责人100%出庭应诉。坚持以《行政应诉规定》的具体要求规范和指导各部门、各街镇做好行政机关负责人出庭应诉工作。截至10月底，我区各行政机关开庭数{{ litigation.hearings }}次，行政负责人出庭{{ litigation.head_appearances }}人次，全区行政机关负责人继续保持{{ litigation.appearance_rate:0 }}%出庭，位列上海铁路运输法院管辖四区第一。',
        '三是推动“三合一”活动进党校工作。举行2022年行政机关负责人出庭、旁听、讲评“三合一”活动，与上海铁路运输法院、区委党校共同签署了《“三合一”进党校活动框架纪要》，全面深化“三合一”活动，充分发挥各方职能优势，建立活动常态化机制。',
        '四是做好区域重大工程法律保障工作。加强对行政应诉工作的统筹协调，深化与市司法局、各级人民法院、全区各相关部门的沟通衔接。组织涉重大、疑难案件联动协调会、参与重大项目推动建设等专题研讨。配合区房管局、人民法院等部门，做好房屋征收、强制执行等法律事务协调。',
    ]),
    (2, '（四）深入推进法治政府建设', '', [
        '一是全面落实三项制度要求，注重规范行政执法机制。坚持开展行政处罚执法案卷评查，组成专项检查组，抽取区市场监管局等{{ enforcement.agencies_evaluated }}家执法单位行政处罚案卷进行评查。截至10月31日，共审核各单位新办、换证、注销等执法证办理申请{{ enforcement.applications_reviewed }}件，发放执法证{{ enforcement.certificates_issued }}张。组织行政执法人员基础法律知识培训，提升全区行政执法人员执法业务能力。印发《关于进一步推进2022年行政执法“三项制度”有关工作的通知》，指导相关执法单位、街镇规范使用行政执法文书、进一步完善音像记录、进一步提升法制审核工作质量。',
        '二是以示范创建实地评估为契机，着力推进法治政府建设。印发《普陀区加强法治政府建设实施意见（2021-2025年）》《2022年普陀区法治政府建设工作要点与责任分工》，推进法治政府建设工作做实做细；多次召开专题会议，部署“法治政府建设示范区”实地核查迎检工作，目前已成功创建第二批全国法治政府建设示范地区。组织2次区政府领导集体学法活动，增强促进依法决策、依法行政管理能力，为全面深入推进法治政府建设提供更加有力的保障。',
        '三是紧紧围绕区域发展大局，着力提供优质法治保障。充分发挥区政府法律顾问专业优势，共安排区政府法律顾问工作事项{{ enforcement.adviser_work_items }}件，共审核《区政府与上海联合产权交易所战略合作框架协议》《区政府与昆明市东西部协作框架协议》等区政府各类协议{{ enforcement.agreements_reviewed }}件。持续跟进疫情防控法治保障专班工作，做好法律风险审核相关工作。组织法制干部开展主题法治沙龙，提升法制干部依法行政能力。',
    ]),
    (2, '（五）不断深化普法与依法治理工作', '', [
        '一是推进习近平法治思想学习宣传走心走深走实。发布《关于进一步推进习近平法治思想学习宣传教育的通知》，指导督促全区推进习近平法治思想学习宣传教育，实现全区各级党委（党组）理论学习中心组学习覆盖；联合区教育局开展“学思想共成长，绘法治同心圆”——“我心中的习近平法治思想”绘画比赛，收集优秀作品{{ publicity.contest_entries }}余件，评选出奖项共{{ publicity.contest_prizes }}件；运用上海普陀微信矩阵、微博广场各类媒体和平台，发挥真如宪法广场、7号线新村路地铁站“同心法苑”等普法阵地作用，丰富学习宣传形式。',
        '二是加强“谁执法谁普法”责任制落实。推动领导干部学法用法工作制度化，分级分类明确领导干部履职应当学习掌握的法律法规和党内法规，制定《上海市普陀区领导干部学法应知应会清单制度（试行）》；深化“谁执法谁普法”责任制，开展成员单位履职评议活动；开展区十大优秀普法项目评选。',
        '三是强化常态化疫情防控背景下法治宣传教育。推出{{ publicity.open_classes }}期“靠谱学”民法典系列公开课，加强疫情防控重点领域法治宣传教育，提升群众法治观念；开展《防疫抗疫 心里“有谱”》线上专项宣传，营造防控疫情法治氛围；推出“疫”线普法系列视频，引导群众理解、配合和支持政府的各项防控措施，线上宣传浏览量累计{{ publicity.online_views_wan }}万余次。',
        '四是深化基层依法治理。加强法治乡村（社区）建设，做好第九批全国“民主法治示范村（社区）”创建工作，指导桃浦镇新杨村开展申报工作。深化社区“法治带头人”“法律明白人”培育工程，邀请法学教授开展“对习近平法治思想的诠释”主题线上讲座，全区1500余名“法治带头人”“法律明白人”参加。',
        '五是加强青少年普法教育。关注青少年成长，举办“护航领巾成长路——4·15全民国家安全教育日主题升旗仪式”线上升旗仪式，举办法治副校长“护苗”安全线上讲座，开展全民国家安全教育日线上答题活动，在地铁七号线法治文化专列、“同心法苑”法治宣传阵地开展青少年权益保障主题宣传。',
        '六是打造“靠谱”法治文化品牌。开展首届上海法治文化节普陀专场活动，聚焦法治化营商环境建设，举办“共画中以创新同心圆”企业合规论坛，在上海图书馆东馆举行“‘典’燃法治氛围暨普法游戏小程序《喵星人遇上民法典》主题宣传”活动。组织开展群众性法治文化系列活动，招募“法治文化推荐官”，积极开展第十八届全国法治动漫微视频作品征集活动暨普陀区第七届“同心法韵”法治公益广告征集大赛。新增真如公园宪法宣传广场、区禁毒教育基地入选“第三批上海市社会主义法治文化品牌阵地”，全区共有5处入选“上海市社会主义法治文化品牌阵地”。',
    ]),
    (2, '（六）全力提升公共法律服务能级', '', [
        '一是加强公共法律服务。推进中以（上海）创新园企业公共法律服务工作室和公共法律服务客厅建设，组织园区企业代表、律师代表在园区举行座谈，组织“公共法律服务进园区”开放日活动，在园区开展企业法治体检。调研10个街镇基层公共法律服务开展情况，研究进一步优化居村公共法律服务体系建设方案。编制“复工复产法律服务包”和《复工复产法律指南》，用法律服务保障全区涉疫矛盾化解及企业复工复产。根据一网通办工作要求，梳理法律服务“免申即享”“一件事”等事项进行上报，作为本年度一网通办流程办理优化事项。新增一网通办自管公服事项3项，首次在区司法行政领域拓展“随申码”场景应用。',
        '二是推动律师业健康发展。严格监管督促律师、律所依法依规执业，2022年前三季度共办理行政许可{{ lawyers.licensing }}件，办理律师投诉{{ lawyers.complaints }}件。完成第三届党政机关领导干部法律顾问团换届工作。完成本区律师事务所和律师的年度检查考核材料审核和备案工作。指导律师事务所严格按照《本市律师行业返岗复工疫情防控工作指引》有序复工，跨前整合资源解决律师事务所复工前后面临的问题和困难。',
        '三是稳步开展公证业务。2022年1至10月，共受理公证{{ notary.accepted }}件，其中民事类公证占{{ notary.civil_share }}%。积极推进公证与诉讼对接参与司法辅助工作，不断完善家事和涉老公证服务品牌示范机构建设，严格规范意定监护和海外远程视频公证业务办理。组建在线公证服务团队，基本形成公证在线咨询和“最多跑一次”“一次都不跑”线上预约、办理等工作机制，已累计受理线上“一次都不跑”公证申请{{ notary.online }}件。依法加强公证执业管理，积极开展公证质量自查和公证质量检查。',
        '四是加大法律援助供给。深入宣传贯彻《法律援助法》，向全区各居委会发放300余份宣传挂图，组织公益律师开展《法律援助法》讲解活动，邀请市民代表参观公共法律服务中心，通过参观讲解、场景模拟演示等形式，使群众全方位、沉浸式了解法律援助工作，切实提升法律援助知晓度。持续推进法律援助“一网通办”工作，疫情期间实行法律援助“网上办”。2022年1-10月，法援中心共办理法律援助案件{{ legalaid.cases }}件，接待来访咨询群众{{ legalaid.walk_in }}人，接答“12348”法律咨询专线电话{{ legalaid.calls_12348 }}个。',
    ]),
    (2, '（七）有序强化司法鉴定行业分级管理', '', [
        '一是有序开展司法鉴定工作。全区司法鉴定机构累计受理鉴定委托事项1.6万件。通过优化鉴定手续、压缩鉴定时限、缓减免鉴定费等助力委托鉴定单位解难纾困。协助开发完善“随申办网上预约司法鉴定”系统的功能与应用，更好地方便、服务群众。',
        '二是强化日常监管促规范。以问题为导向，首次编制并发布《普陀区司法鉴定执业活动投诉举报处理情况白皮书》，强化司法鉴定执业风险防范，减少行业投诉风险点。截至11月2日，累计处理投诉等案件{{ appraisal.complaints }}件，办结率及回复率均为{{ appraisal.complaints_concluded_rate }}%。建立疑难案件讨论制度，实现一案一总结，不断提升办案质量。向鉴定机构出具{{ appraisal.proposals }}份整改建议书，跟踪机构落实整改。组织行业专家，以鉴定机构质量评审为抓手，开展经常性行业监督检查。开展智慧司鉴日常网上巡查，及时处理各类预警信息，督促鉴定机构规范使用业务系统，提升互联网监管的水平。',
        '三是加强司法鉴定行业自身建设。对区内鉴定机构和鉴定人准入（扩项）项目进行资格初审，优化鉴定人才队伍建设。根据司法鉴定机构信用等级评估标准，普陀区两家鉴定机构均获评A级信用。多名鉴定人获得上海市领军人才、上海工匠、市司法鉴定行业先进集体、先进个人、党员先锋岗、普陀区领军人才等荣誉称号。',
    ]),
    (2, '（八）强化矛盾纠纷多元化解', 'mediation', [
        '一是整合解纷力量，推动矛盾纠纷多元化解。在各街镇建立“靠谱解纷中心”，将区司法局、区信访办、区法院、区公安分局、区人社局、区卫健委、区妇联、区市场监管局、区房管局、区民政局等解纷力量调配到一线，打造矛盾纠纷“一站式”调处平台。各街镇“靠谱解纷中心”自成立以来至10月31日，通过联合接待受理各类矛盾纠纷{{ mediation.centre_accepted }}件，调解成功{{ mediation.centre_successful }}件。推进“一体化”前置调解，从源头减少诉讼增量。积极对接区法院，召开全区调解程序前置工作推进会，制定《普陀区探索实行调解程序前置工作实施方案》，推进试点工作取得实效。2022年1-10月累计启动调解{{ mediation.prelitigation_started }}件，调解成功{{ mediation.prelitigation_successful }}件。开展“一网式”纠纷排查，指导司法所和调委会深入社区、企业开展矛盾纠纷，尤其加强对消费、医疗、劳动、企业经营等受疫情影响较重领域矛盾纠纷的排查，坚持一事一策、一人一策，从根源上防范化解个人极端案事件发生。2022年1-10月累计开展拉网式、兜底式排查{{ mediation.campaigns }}次，全区各级人民调解组织共受理各类矛盾纠纷{{ mediation.accepted }}起，调解成功{{ mediation.successful }}起，调解成功率{{ mediation.success_rate }}%。',
        '二是强化队伍建设，全力做好重点纠纷调处。通过线下、线上相结合的方式，举行首席人民调解员培训、医患纠纷人民调解员培训、涉疫矛盾纠纷化解培训，提升矛盾纠纷调处效能。充分发挥调解在化解矛盾纠纷中的基础性作用，与人社、卫健、市场、公安等部门加强协调联动，成立区行政争议调解委员会，细化行政调解范围，通过协调、劝导、调停等方式化解涉疫行政争议。指导各级调解组织挖掘具有代表性、时代性、典型性的调解案例，2022年司法部录用普陀区优秀调解案例{{ mediation.cases_selected }}篇，《上海法治报》刊登{{ mediation.cases_published }}篇。',
        '三是完善工作机制，提升人民监督员监督质效。结合人民监督员选任工作实际，切实加强和区检察院的沟通协调，充分运用“人民监督员管理系统”，建立人民监督员二级抽选三方对接机制，着力保障人民监督员知情权、参与度和参加活动人员覆盖面，进一步推动人民监督员依法、规范、积极履职。',
    ]),
    (2, '（九）有效落实重点对象监管帮教', '', [
        '一是持续完善工作体制。发挥区社区矫正委员会作用，进一步完善公检法司执法衔接配合机制。完善社区矫正集中执法模式，优化岗位设置，细化管理考核，进一步明确社区矫正科工作人员和选派民警的职责分工和工作标准。健全司法所督导检查机制，牵头成立专项督导组，通过实地走访、听取汇报、查看台账、个别访谈、平台查询等形式，对全区10个司法所开展全覆盖督查。',
        '二是筑牢安全稳定根基。聚焦重大安保，全力做好党的二十大、第五届进博会等重要时段的安保工作。成立由局主要领导任组长的工作专班，开展岗位技能比武和模拟实战演练，确保压力层层传导，责任层层压实。采取上门走访、个别教育、平台查阅、组织填报个人情况报告等形式，滚动开展全覆盖、拉网式风险隐患排查。健全区、街镇两级动态研判机制，落实定期通报制度，会同有关部门共同分析研究工作难点堵点，对排查出的不稳定因素落实工作举措。持续推进执法责任制建设，统筹抓好疫情防控和调查评估等重点执法环节。以社区矫正巡回检察为契机，进一步规范执法行为，严密执法流程，加强证据留存。疫情封控期间，依法对期满矫正对象进行线上解矫宣告。依托定期联席会议、动态研判会、“微信警务室”，及时通报情况，会商工作，落实措施。对照司法部标准，积极推进“智慧矫正中心”创建，严格执行市局信息化核查和指挥中心应急值守规定，落实值班制度，对象未发生脱漏管现象。',
        '三是提升教育矫正成效。完善“按需施教”模式，开展专题教育{{ correction.thematic_sessions }}场次、个别教育{{ correction.individual_education }}人次、公益活动{{ correction.public_welfare }}场。创新教育矫正形式，组织主题教育20余人次。全面启用“沪智矫”在线教育微信小程序，截至10月底，累计参加在线学习{{ correction.learning_hours:0 }}小时。结合社区矫正法颁布2周年，编制应知与规范手册，纳入入矫教育内容，强化对象在刑意识和遵规守纪观念。依托“心视界-心理直通车”工作室，开展个别心理咨询{{ correction.counselling }}人次。打造“职导心航”品牌项目，累计开展专项小组活动7场，服务40余人次。完善社区矫正对象家庭支持系统，开展“温馨港湾”家属心理帮扶活动。',
        '四是实施精准帮扶帮教。推进“四项机制”建设，落实走访排摸全覆盖，积极协调有关部门共同做好疫情封控期间刑满释放人员相关工作。整合各方资源力量，争取街镇和相关职能部门支持，积极落实特困对象帮扶措施。持续开展关爱行动，借力区帮教志愿者协会、区委老干部局“普老伴成长”工作室，继续开展学业辅导、结对助学等关爱活动，组织司法所举办“爱的黄丝带”系列宣传活动，引导社会力量关心支持社区矫正和安置帮教工作。',
        '五是增强履职执业能力。抓好执法队伍建设，采取集中学习、以会代训、岗位练兵比武等方式，分层分类开展业务培训，进一步提升执法水平和实战能力。加强选派民警党支部建设，发挥支部“一岗双责”作用，不断提升履职效能。加强新航社工队伍建设，强化对新航社工站的指导作用，健全季度考评、日常督导机制，提升社工队伍专业化服务水平。',
    ]),
    (2, '（十）大力推动系统自身建设', '', [
        '一是深入开展学习宣传教育。以中心组联组学习、理论宣讲、专题研讨、主题党日等多种形式，组织开展“党的二十大感言征集”“我为党的二十大建言献策”“党的二十大专题学习研讨”等活动，举办《伟大是这样炼成的》等专题宣讲、青年宣讲4场，举办“奋进新征程 喜迎党的二十大”“深入学习贯彻市第十二次党代会精神，发扬‘人靠谱（普）、事办妥（陀）’好作风，推动普陀高质量发展”等主题党日活动。制定局系统加强党的政治建设工作实施方案，以项目化推进践行“五个表率”、做到“四个特别、提升“五种能力”。加强“学习强国”督学赛学，做到日日有提醒、天天有排名，基层党支部日人均积分增长近10分，提升分值位列委办局第一。',
        '二是认真落实全面从严治党主体责任。认真落实全面从严治党主体责任“四责协同”机制，组织召开“3+X”专题会，举办局系统落实三项责任制工作会议暨签约仪式。开展党风廉政风险滚动排查、作风建设专项治理自查自纠等，做好贯彻落实政法队伍教育整顿“回头看”、贯彻落实区委政法委专项督查反馈整改及《中国共产党政法工作条例》贯彻落实情况自查。开展“强化靠谱作风，忠诚干净担当”党风廉政教育月活动，广泛组织参与纪法知识竞赛、廉政主题征文、廉洁文化作品征集等，组织全体干部签订“三个规定”承诺书，营造崇廉尚廉倡廉守廉的浓厚氛围。',
        '三是持续推进基层党建工作。举办区律师行业党校2022年度党建培训班，加入区政法党建联盟。指导博和汉商律师事务所成立全区首家律所党总支，加强党员教育管理，组织观看党的二十大开幕会、普陀区庆祝中国共产党成立101周年座谈会、《党旗在基层一线高高飘扬》专题节目、“新时代 新奇迹·2017-2022”上海发展成就展等，多角度多渠道引导广大党员牢记嘱托、砥砺奋进。',
        '四是全力组织参与疫情防控。组织号召局机关和各基层党支部第一时间完成在职党员社区报到全覆盖，积极开展“守土尽责‘三带头’，坚决打赢大上海保卫战”共产党员接力承诺活动。组建31人专班队伍支援方舱、隔离酒店、社区一线，全力参与抗疫志愿服务。推出20余篇先进典型宣传，结合“五四”青年节及建团百年组织青年干部共话战疫心声。',
        '五是大力加强精神文明建设。认真落实本年度创城迎检冲刺任务，对表对标完成每月创城工作任务。认真开展团青工作，组织开展青年大学习、司法行政青年说、百团微课、法治微调研等，进一步凝聚青春力量。开展模范机关创建，做好第21届市、区文明单位创建和20届市、区文明单位验收工作。积极挖掘培育选树先进典型，参与“最靠谱”“最美退役军人”等优秀评选。',
        '六是不断优化干部队伍建设。进一步优化干部队伍结构，选派干部参与区域挂职锻炼和援疆工作，开展局干部“靠谱指数”评估。着力培养和聚集一批高层次人才，积极开展区“四才”评选推荐工作，获评领军人才1名，拔尖人才2名，青年英才3名。持续开展“大走访大排查”，做好帮困慰问、城乡结对帮扶、“双结对”等工作，着力锻造一支“人靠谱（普），事办妥（陀）”的过硬干部队伍。',
        '七是提升内部管理效能。做好本系统信访及“12345”市民服务热线的接答及协调督办工作，保障重要节点系统安全稳定。持续开展常态化扫黑除恶工作，做好市级督察迎检准备。完成5件政协提案的办理工作。全力服务保障局系统抗疫工作，严格落实疫情防控常态化各项措施，做好法援中心、公证处等窗口单位“场所码”“数字哨兵”应用，实行每周通报，制定局常态化防控下场所运行和应急处置工作方案，确保疫情防控与复工复产“两不误”。',
    ]),
    (1, '二、存在的不足', '', [
    ]),
    (2, '（一）依法治区体制机制建设需进一步加强', '', [
        '学习宣传贯彻习近平法治思想的形式有待进一步丰富，“一办四组”作用发挥有待进一步加强，党政主要负责人履行法治建设第一责任人职责有待进一步压实。',
    ]),
    (2, '（二）行政复议体制改革需进一步深化', '', [
        '行政复议化解行政争议主渠道作用需进一步体现，行政应诉水平有待进一步提高，行政执法规范化水平仍需不断提高。',
    ]),
    (2, '（三）公共法律服务能级需进一步提升', '', [
        '公共法律服务资源需进一步整合，普陀特色的公共法律服务品牌效应还不够凸显，法律援助力度需进一步加大。',
    ]),
    (2, '（四）多元矛盾纠纷调处机制需进一步完善', '', [
        '“大调解”工作协调机制需进一步健全，司法调解、行政调解、人民调解合力需进一步增强，解纷申请信息化水平有待进一步提高。',
    ]),
    (1, '三、2023年重点工作', '', [
    ]),
    (2, '（一）科学谋划抓统筹，进一步推进全面依法治区', '', [
        '进一步健全完善深入学习宣传贯彻习近平法治思想常态化制度机制，压实党政主要负责人履行推进法治建设第一责任人职责。培育、创建本区第二批“上海市法治建设示范街道乡镇”。',
    ]),
    (2, '（二）持续推进抓深化，进一步提升行政复议水平', '', [
        '持续推进行政复议体制改革，用好行政复议委员会智库，加强复议案件审查和矛盾化解工作力度，充分发挥行政复议监督职能。',
    ]),
    (2, '（三）健全规范抓落实，进一步提升行政应诉工作质量', '', [
        '持续提升行政机关负责人出庭应诉质效，深化“三合一”活动，进一步提升领导干部法治意识，不断规范行政执法行为。',
    ]),
    (2, '（四）聚焦重点抓长效，进一步加强法治政府建设', '', [
        '巩固法治政府建设示范创建成果，进一步推进落实行政执法“三项制度”。优化法律顾问工作机制，助推区域依法行政工作和法治政府建设。',
    ]),
    (2, '（五）打造品牌抓创新，进一步加强法治教育宣传', '', [
        '持续推动“谁执法谁普法”普法责任制落实，开展区“八五”普法规划落实情况中期总结。积极培育具有普陀特色的优秀法治品牌及文化作品。',
    ]),
    (2, '（六）优化服务抓升级，进一步提升公共法律服务能级', '', [
        '进一步完善公共法律服务体系建设。继续推进律师业良性快速发展，持续加强公证、律师、法律援助行业指导监督，促进行业依法依规执业。',
    ]),
    (2, '（七）强化监管抓服务，进一步推动司法鉴定行业有序发展', '', [
        '持续加强司法鉴定管理与监督。协助开展鉴定机构及鉴定项目专业能力等级评定，提升鉴定人专业化、职业化水平。',
    ]),
    (2, '（八）协调联动抓突破，进一步强化矛盾纠纷多元化解', '', [
        '常态化开展矛盾纠纷排查活动，进一步完善“大调解”工作机制。开展“司法所规范化建设提升年”行动，进一步提升司法所规范化建设水平。',
    ]),
    (2, '（九）依法管控抓稳定，加强重点对象监管帮扶', '', [
        '固化疫情防控和安保常态长效机制，持续开展社区矫正执法责任制建设，完善“按需施教”工作模式，稳步推进“智慧矫正中心”建设。',
    ]),
    (2, '（十）固本强基抓提升，全面加强系统自身建设', '', [
        '深入学习宣传贯彻党的二十大精神，深化基层党的组织覆盖与工作覆盖，深入落实全面从严治党主体责任“四责协同”机制，锻造一支特别忠诚、特别讲法、特别硬朗、特别正气的司法行政队伍。',
    ]),
]


def _localise(text: str) -> str:
    """Placeholders of unregistered lines become the seed's figures."""
    return PLACEHOLDER.sub(lambda m: m.group(0) if metrics.is_registered(m.group(1)) else SEED_FIGURES[m.group(1)],
                           text)


def _seedify(text: str) -> str:
    return PLACEHOLDER.sub(lambda m: SEED_FIGURES.get(m.group(1), m.group(0)), text)


def seed_text() -> str:
    """The seed's narrative with its figures, one paragraph a line (headings included): what the rendered
    report must read like."""
    out = []
    for _level, heading, _line, paragraphs in NARRATIVE:
        out += ([heading] if heading else []) + [_seedify(p) for p in paragraphs]
    return "\n".join(out)


def _outline() -> list[tuple[int, str, str, str]]:
    return [(level, heading, line, _localise("\n".join(paragraphs))) for level, heading, line, paragraphs in NARRATIVE]


@transaction.atomic
def load(units, stdout) -> None:
    bureau = units[ISSUING_UNIT]
    leader = User.objects.filter(username="leader").first()
    report = AnnualReport.objects.filter(unit=bureau, year=YEAR).first()
    if report is None:
        report = services.report_create(
            year=YEAR, unit=bureau, through=THROUGH, by=None, title=TITLE, addressee="区政府",
            signer=leader.get_full_name() if leader else "", signature=bureau.name,
            issuer_mark=f"{bureau.name}文件", dated=DATED, sections=_outline())
        NumberSeries.objects.get_or_create(kind=services.NUMBER_KIND, unit=bureau, year=YEAR,
                                           defaults={"format": services.NUMBER_FORMAT, "last": DOCUMENTS_BEFORE})
        services.report_number(report=report, by=None, expected_version=report.version)
        stdout.write(f"  reports: {report} {report.number}, {report.sections.count()} sections")
        return
    upgraded = 0
    sections = {s.position: s for s in ReportSection.objects.filter(report=report)}
    for i, (_level, heading, _line, body) in enumerate(_outline()):
        section = sections.get((i + 1) * 10)
        if section is None or section.heading != heading or section.body == body:
            continue
        if _seedify(section.body) == _seedify(body):  # untouched since the demo wrote it: take the placeholders
            services.section_update(section=section, by=None, expected_version=section.version,
                                    heading=heading, body=body)
            upgraded += 1
    stdout.write(f"  reports: {report} already loaded" + (f"; {upgraded} sections now use placeholders" if upgraded else ""))
