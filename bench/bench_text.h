// The synthetic text of ftblock_bench's records: the value lists of the playbook data
// (assets/playbook/playbook.json), fictional customers (Microsoft's sample company names and
// made-up Chinese ones) and, per L2, sentences saying *why* the work is blocked, in the
// playbook's spirit, plus a delivery record's next actions. Data only; bench.cpp picks.
#pragma once

#include <vector>

namespace ftblock_bench {

const char* const kWorkloads[] = {"exchange_online",
                                  "sharepoint_online",
                                  "onedrive",
                                  "teams",
                                  "microsoft_365_apps",
                                  "intune",
                                  "azure_ad",
                                  "windows",
                                  "yammer",
                                  "power_bi",
                                  "skype_for_business",
                                  "defender",
                                  "project_online",
                                  "visio",
                                  "viva"};
const char* const kEngagement[] = {"ftc_ftp_led",
                                   "ftc_css_led",
                                   "ftc_cxp_led",
                                   "cxp_led_css_assist",
                                   "non_fasttrack_partner_led",
                                   "customer_led_ftp_assist"};
const char* const kCustomers[] = {"Contoso Ltd",
                                  "Fabrikam, Inc.",
                                  "Northwind Traders",
                                  "Adventure Works Cycles",
                                  "Tailspin Toys",
                                  "Wide World Importers",
                                  "Woodgrove Bank",
                                  "Litware, Inc.",
                                  "Proseware, Inc.",
                                  "Alpine Ski House",
                                  "Coho Winery",
                                  "Fourth Coffee",
                                  "Lucerne Publishing",
                                  "Margie's Travel",
                                  "Trey Research",
                                  "Blue Yonder Airlines",
                                  "Humongous Insurance",
                                  "Wingtip Toys",
                                  "Relecloud",
                                  "A. Datum Corporation",
                                  "City Power & Light",
                                  "Consolidated Messenger",
                                  "Lamna Healthcare Company",
                                  "VanArsdel, Ltd.",
                                  "Munson's Pickles and Preserves Farm",
                                  "Best For You Organics Company",
                                  "上海云帆科技有限公司",
                                  "北京华信数据服务有限公司",
                                  "深圳前海智联科技有限公司",
                                  "杭州西湖软件股份有限公司",
                                  "广州珠江物流集团有限公司",
                                  "成都天府城市商业银行",
                                  "南京金陵制药有限公司",
                                  "苏州工业园区绿能科技有限公司",
                                  "武汉光谷通信技术有限公司",
                                  "天津滨海港务集团",
                                  "重庆山城汽车零部件有限公司",
                                  "西安古城文旅发展有限公司",
                                  "青岛海湾食品有限公司",
                                  "厦门鹭岛航运有限公司",
                                  "长沙湘江教育集团",
                                  "宁波甬港电子有限公司"};
const char* const kCustomerSuffix[] = {" (APAC)",   " - EMEA", "（华东区）",     "（华南分公司）",
                                       " Shanghai", " 中国区", " North America", "（北京）"};

struct L2Text {
    const char* id;
    std::vector<const char*> zh;  // sentences explaining the block
    std::vector<const char*> en;
    std::vector<const char*> actions;  // a delivery record's next action
};

inline const std::vector<L2Text>& l2_texts() {
    static const std::vector<L2Text> texts = {
        {"customer_it_infrastructure",
         {"客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。",
          "本地 Active Directory 存在两个林且 UPN 重复，Azure AD Connect 无法完成首次同步。",
          "大部分分支机构仍在使用 Windows 7 和 IE 11，无法满足客户端的最低系统要求。",
          "代理服务器对 Microsoft 365 终结点做 SSL 检查，导致 Outlook 和 Teams 频繁断开连接。",
          "混合部署的 Exchange 服务器落后两个累积更新，必须先打补丁才能迁移邮箱。",
          "防火墙尚未放行所需的 URL 和 IP 地址范围，设备无法注册到 Intune。"},
         {"The customer's VPN concentrators force-tunnel all Microsoft 365 traffic, and the "
          "firmware must be upgraded before the pilot can start.",
          "On-premises Active Directory has duplicate UPNs across two forests, so Azure AD "
          "Connect cannot finish the initial sync.",
          "Most branch offices still run Windows 7 with Internet Explorer 11, which does not "
          "meet the client requirements.",
          "The proxy performs SSL inspection on Microsoft 365 endpoints and breaks sign-in; "
          "users see \"Something went wrong\" when they open Teams.",
          "The home drives on \\\\fs01\\users sit behind a storage appliance that the "
          "migration tool cannot read."},
         {"Customer upgrades VPN firmware, then re-test sign-in", "客户升级 VPN 固件后重新测试登录",
          "@Contoso IT: confirm the firewall change window", "Fix duplicate UPNs with IdFix and rerun the initial sync",
          "客户完成 Exchange 累积更新后安排首批邮箱迁移"}},
        {"it_change_management_resourcing",
         {"客户 IT 团队的变更冻结期持续到季度末，期间不允许任何生产环境变更。",
          "服务的每月更新与客户现有的变更审批流程冲突，需要先重新设计该流程。",
          "本项目的 IT 预算尚未批准，也没有指定专职管理员。",
          "唯一负责 Exchange 的管理员已离职，接替人员入职前无人执行迁移。"},
         {"The customer's IT team is in a change freeze until the end of the quarter and no "
          "production changes are approved.",
          "Monthly service updates conflict with the customer's change advisory process, which "
          "has to be redesigned first.",
          "The IT budget for the project has not been approved and no administrator is "
          "assigned.",
          "Helpdesk staff have not been trained on the new incident process, so IT will not "
          "roll out further."},
         {"IT lead presents the revised change process to the CAB", "客户完成 CAB 审批后安排迁移窗口",
          "Confirm the new administrator's start date", "- Re-plan the rollout after the change freeze ends"}},
        {"adoption_readiness",
         {"业务部门担心员工不熟悉新工具，要求先完成最终用户培训计划。",
          "人力资源部门尚未批准在 Teams 中录制会议的政策。", "管理层尚未确定由哪个业务部门作为首批推广对象。",
          "员工沟通计划尚未发布，用户不知道何时切换到新平台。"},
         {"Business leaders want an end-user training plan completed before any further "
          "rollout.",
          "The works council has not approved the policy for recording meetings, so Teams "
          "meetings are on hold.",
          "The champions network has not been set up and pilot users keep going back to the "
          "old file shares.",
          "Department heads have not agreed which business unit goes first."},
         {"Customer publishes the end-user training plan", "人力资源部门审批会议录制政策后通知 FM",
          "Agree the first business unit with the sponsor", "Launch the champions programme with 20 volunteers"}},
        {"product_feature_capability",
         {"客户需要的保留策略功能在当前区域尚不可用，已通过 GetHelp 提交请求。",
          "移动端共享邮箱存在已知 Bug，微软工程团队正在修复。",
          "客户要求的合规认证尚未覆盖该服务，已在 OneList 中登记功能需求。"},
         {"The customer needs customer-managed keys for this workload, which are not yet "
          "available in their region; a GetHelp request is open.",
          "A known bug in the sync client corrupts files with very long paths, and the "
          "engineering fix has not shipped yet.",
          "Conditional access does not support the device filter that the customer's security "
          "policy requires; the request is tracked in OneList."},
         {"Track the GetHelp request and confirm the fix date", "工程团队发布修复后在试点组验证",
          "+1 follow-up call with the product group on Friday"}},
        {"app_compatibility",
         {"客户的 ERP 业务线应用依赖 Office 2010 的加载项，在 Microsoft 365 应用版中无法运行。",
          "财务部门使用的报表工具与新版 Excel 不兼容，供应商尚未提供更新版本。",
          "客户的考勤系统通过 SMTP 基本身份验证发送邮件，关闭基本身份验证后将中断。"},
         {"A line-of-business ERP add-in built for Office 2010 does not load in Microsoft 365 "
          "Apps.",
          "The vendor of the finance reporting tool has not certified it for the current Excel "
          "build.",
          "A critical LOB application relies on Internet Explorer mode and must be rewritten "
          "before the migration."},
         {"Vendor delivers the updated ERP add-in; retest in the pilot ring", "供应商提供新版报表工具后重新测试",
          "Move the time-tracking system to OAuth SMTP"}},
        {"partner_engagement",
         {"合作伙伴合同仍在采购流程中，预计下月才能签署。",
          "当前合作伙伴缺乏 Intune 共同管理的经验，需要引入新的合作伙伴。",
          "合作伙伴的工作范围不包括用户应用支持，需要重新协商范围。"},
         {"The partner contract is still in procurement and is not expected to be signed "
          "before next month.",
          "The current partner has no experience with Intune co-management and has asked for "
          "a different resource.",
          "The statement of work does not cover adoption support, so the scope must be "
          "renegotiated."},
         {"Customer signs the partner contract", "客户选定实施合作伙伴后召开启动会议",
          "Renegotiate the statement of work to include adoption support"}},
        {"billing_licensing_subscription",
         {"客户购买的 SKU 不包含所需的服务计划，需要销售团队协助更换许可证。",
          "许可证尚未分配给用户，租户中的可用席位为零。", "许可证需要从旧租户转移到新租户，LSA 正在办理转让手续。"},
         {"The purchased SKU does not include the required service plan, and the sales team "
          "must help exchange the licenses.",
          "The subscription is in a grace period because of a billing issue and LSS needs to "
          "engage.",
          "Licenses must be transferred from the old tenant to the new one; the LSA is "
          "processing the request."},
         {"Account team confirms the license exchange with the LSA", "LSS 解决计费问题后恢复订阅",
          "=> Assign licenses to the pilot group once seats exist"}},
        {"service_reliability",
         {"上月连续两次服务中断后，客户管理层对服务可靠性失去信心，暂停了推广。",
          "亚太区用户访问 SharePoint 时延迟明显，客户要求先查明原因。",
          "一次计划外的服务事件导致邮件延迟数小时，客户在等待事件后报告。"},
         {"Two unplanned outages last month shook the customer's confidence and leadership "
          "paused the rollout.",
          "Users in the Asia-Pacific offices see high latency when opening SharePoint sites, "
          "and the customer wants a root cause first.",
          "An incident delayed mail delivery for several hours and the customer is waiting for "
          "the post-incident report."},
         {"Share the post-incident report with the customer's CIO", "提供延迟问题的根本原因分析后重新评估",
          "Run a network assessment for the APAC offices"}},
    };
    return texts;
}

const char* const kExtraZh[] = {
    "客户已确认该问题解决后将立即恢复部署。", "FM 已与客户 IT 负责人沟通，双方同意在问题解决前暂停。",
    "影响范围约为 3000 名用户，涉及华东和华南两个区域。", "此问题同时影响试点组和第二批迁移用户。"};
const char* const kExtraEn[] = {"The customer will resume deployment as soon as this is resolved.",
                                "About 2,500 users in two regions are affected.",
                                "The FM agreed with the customer's IT lead to pause until then.",
                                "This also delays the second migration wave."};

}  // namespace ftblock_bench
