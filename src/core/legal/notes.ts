/**
 * Fixed legal sentences the 12315 package prints, built from the rules data so their quotations stay verbatim:
 * the regulator's handling duty (消费者权益保护法第四十六条) and what a self-computed hash does and does not
 * prove (证据规定第九十三、九十四条).
 */
import { clockById } from './clocks.js';
import { citation, NEW_COMPLAINT_MEASURES, quotationText, statute } from './statutes.js';

type Lang = 'zh' | 'en';

/** 第四十六条 quoted whole, then the complaint-handling rules by name (the new measures' start date as reported). */
export function regulatorHandlingNote(lang: Lang, rules: { title: string; newMeasures: boolean }): string {
  const handling = statute('consumer-46');
  const clock = clockById('cpl-46-handling')!;
  if (lang === 'zh') {
    const rulesText = rules.newMeasures
      ? `投诉处理适用《${rules.title}》（${NEW_COMPLAINT_MEASURES.startText.zh}）；其调解期限等规定以受理通知为准。`
      : `投诉处理适用《${rules.title}》。`;
    return `${citation(handling)}规定：“${clock.quote}”市场监督管理部门受理投诉后组织调解，调解以双方自愿为前提，它不能直接裁决退款。${rulesText}`;
  }
  const rulesText = rules.newMeasures
    ? ` Complaint handling follows the ${NEW_COMPLAINT_MEASURES.titleEn} (${NEW_COMPLAINT_MEASURES.startText.en}); check the notice you receive for its mediation limits.`
    : ` Complaint handling follows the Interim Measures (${rules.title}).`;
  return `Under ${handling.articleEn} of the Consumer Rights Protection Law (${citation(handling)}), ${handling.summaryEn}. The regulator mediates between both sides once it accepts the complaint; it cannot order a refund.${rulesText}`;
}

/** What the hashes prove, honestly: integrity since logging, not authenticity (第九十三条; 第九十四条 paraphrased). */
export function hashAuthenticityNote(lang: Lang): string {
  const e93 = statute('evidence-93');
  const e94 = statute('evidence-94');
  if (lang === 'zh') {
    return `这些哈希值由投诉人自己的电脑在证据登记时计算。它们能证明：如果文件与上表的哈希值一致，文件自登记以来没有被改动过一个字节。它们不能证明：截图或文件所显示的内容本身真实，也不能证明文件在登记之前未被改动——哈希值不是公证，也不是第三方存证。依照${citation(e93)}，人民法院对于电子数据的真实性，应当结合“${quotationText(e93)}”等因素综合判断。${citation(e94)}（大意）：电子数据属于该条所列五种情形之一的——由当事人提交或者保管的于己不利的；由记录和保存电子数据的中立第三方平台提供或者确认的；在正常业务活动中形成的；以档案管理方式保管的；以当事人约定的方式保存、传输、提取的——人民法院可以确认其真实性，但有足以反驳的相反证据的除外；内容经公证机关公证的，人民法院应当确认其真实性，但有相反证据足以推翻的除外。投诉人自行计算的哈希值本身不属于这些情形。如需更强的证明力，可另行申请公证或使用第三方存证。`;
  }
  return `These hashes were computed by the complainant's own computer when each file was logged. They prove that a file matching its hash has not changed by a single byte since it was logged. They do not prove that what a screenshot or file shows is true, nor that it was not altered before it was logged: a self-computed hash is neither notarisation nor third-party preservation. Under ${e93.articleEn} of the Supreme People's Court evidence provisions (${citation(e93)}) the authenticity of electronic data is judged on several factors, including whether it was preserved completely and by reliable methods. ${e94.articleEn} (${citation(e94)}), in substance: ${e94.summaryEn}. A self-computed hash is not one of those cases. For stronger proof, have the evidence notarised or preserved by a third party.`;
}
