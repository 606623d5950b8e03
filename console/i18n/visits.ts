/** The visits screen's zh-CN text (信函回访 / 上门回访, docs/domain.md §4). */
export const visitMessages = {
  nav: '信函与上门回访',
  tabs: { eligible: '待回访保单', letters: '回访函', visits: '上门回访' },
  eligible: {
    hint: '电话回访已穷尽的保单，可改为信函或上门回访。',
    columns: { policyNo: '保单号', holder: '投保人', branch: '机构', product: '产品', attempts: '电话次数' },
    printLetters: (n: number) => `为选中的 ${n} 件生成回访函（PDF）`,
    visit: '登记上门回访',
    empty: '没有待回访的保单',
    printed: (batch: string) => `回访函已生成并下载（批次 ${batch.slice(0, 8)}）`,
  },
  letters: {
    columns: { policyNo: '保单号', status: '状态', printedAt: '打印时间', mailedOn: '寄出日期', result: '结果' },
    status: { printed: '已打印', mailed: '已寄出', returned: '已寄回', not_returned: '未寄回' } as Record<string, string>,
    mail: '登记寄出',
    mailedOn: '寄出日期',
    returned: '已寄回（录入问卷）',
    notReturned: '未寄回',
    empty: '没有回访函',
  },
  visits: {
    columns: { policyNo: '保单号', status: '状态', visitedOn: '回访日期', result: '结果', documents: '材料' },
    valid: '有效',
    invalid: '无效：缺身份证件复印件',
    addIdCopy: '补传身份证件复印件',
    view: (part: string) => (part === 'id_copy' ? '查看身份证件复印件' : '查看签名问卷'),
    purged: (part: string, on: string) => `${part === 'id_copy' ? '身份证件复印件' : '签名问卷'}已于 ${on} 按保存期限删除`,
    empty: '没有上门回访记录',
  },
  form: {
    visitTitle: (policyNo: string) => `登记上门回访 · 保单 ${policyNo}`,
    answersTitle: (policyNo: string) => `录入寄回的问卷 · 保单 ${policyNo}`,
    idCopyTitle: (policyNo: string) => `补传身份证件复印件 · 保单 ${policyNo}`,
    visitedOn: '上门回访日期',
    questionnaire: '投保人签名的问卷',
    idCopy: '投保人身份证件复印件',
    choose: '选择文件',
    fileHint: '仅限 JPEG、PNG 图片或 PDF，每个文件不超过 10 MB',
    answers: '问卷答案（按投保人所填）',
    submit: '提交',
    cancel: '取消',
    required: '此项必填',
    questionnaireRequired: '请上传投保人签名的问卷',
  },
  answer: { yes: '是', no: '否', unclear: '不清楚' } as Record<string, string>,
  result: { standard: '标准件', substandard: '次标准件', problem: '问题件', verification: '核实件' } as Record<string, string>,
  outcome: {
    invalid: '未上传身份证件复印件：本次上门回访无效，不计入回访结果。请补传身份证件复印件后方为有效。',
    valid: (result: string) => `上门回访有效，回访结果：${result}`,
    letter: (status: string) => `回访函状态：${status}`,
  },
};

/** Words for the script's placeholders when the questionnaire is shown without its case. */
export const questionPlaceholders: Record<string, string> = { productName: '所购保险产品', companyName: '本公司', staffNo: '' };
