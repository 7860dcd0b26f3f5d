/** Messages for payment bills (Alipay / WeChat Pay exports imported with evidence add --kind payment). */
export const zh = {
  'bill.format.alipay': '支付宝账单',
  'bill.format.wechat': '微信支付账单',
  'bill.by.payment-ref': '按支付流水号',
  'bill.by.order-number': '按订单号',
  'bill.by.amount-and-time': '按金额和时间',
  'bill.matched': '{id}：{format}第 {row} 行与本订单相符（{by}）：交易号 {number}，{counterparty}，{amount} 元，{time}，{status}',
  'bill.noMatch': '{id}：{format}（{count} 笔交易）中没有找到与本订单相符的交易；已作为证据保存，请核对订单的金额、时间和支付流水号。',
  'bill.filled.paymentRef': '已从账单填入支付流水号：{value}',
  'bill.filled.paidAt': '已从账单填入支付时间：{value}',
};

export const en: Record<keyof typeof zh, string> = {
  'bill.format.alipay': 'Alipay bill',
  'bill.format.wechat': 'WeChat Pay bill',
  'bill.by.payment-ref': 'by payment reference',
  'bill.by.order-number': 'by order number',
  'bill.by.amount-and-time': 'by amount and time',
  'bill.matched': '{id}: row {row} of the {format} matches this order ({by}): transaction {number}, {counterparty}, {amount} yuan, {time}, {status}',
  'bill.noMatch': '{id}: no transaction in the {format} ({count} transactions) matches this order; it is kept as evidence — check the order\'s amount, time and payment reference.',
  'bill.filled.paymentRef': 'Payment reference filled in from the bill: {value}',
  'bill.filled.paidAt': 'Payment time filled in from the bill: {value}',
};
