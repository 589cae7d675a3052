/**
 * 客户列表's own Chinese texts beyond the shared `customers.*` ones (filters, columns, views,
 * reassigning, export), registered under `customerList` when the page's chunk loads
 * (pages/customers/texts.ts). customer-list.en.ts has the same keys; its type says so and
 * customer-list.i18n.test.ts checks both ways.
 */
export const customerListZhCN = {
  filters: {
    industry: "行业",
    region: "地区（省份）",
    creditGrade: "信用等级",
    department: "负责人部门",
    tags: "标签",
    registered: "注册日期",
    lastPurchase: "最近购买日期",
    from: "开始日期",
    to: "结束日期",
    more: "更多筛选",
    fewer: "收起筛选",
  },
  columns: {
    button: "列设置",
    title: "显示的列",
    always: "客户编号始终显示",
    showAll: "全部显示",
    industry: "行业",
    province: "省份",
    creditGrade: "信用等级",
    tags: "标签",
    registeredOn: "注册日期",
  },
  views: {
    button: "视图",
    placeholder: "已保存的视图",
    none: "还没有保存的视图",
    save: "保存为新视图",
    overwrite: "用当前筛选覆盖",
    rename: "重命名",
    delete: "删除",
    name: "视图名称",
    nameRequired: "请输入视图名称",
    saveTitle: "保存当前视图",
    renameTitle: "重命名视图",
    deleteConfirm: "删除视图「{{name}}」？",
    saved: "已保存视图「{{name}}」",
    overwritten: "已更新视图「{{name}}」",
    renamed: "已重命名为「{{name}}」",
    deleted: "已删除视图「{{name}}」",
    ok: "确定",
    cancel: "取消",
    loadFailed: "视图加载失败：{{detail}}",
  },
  reassign: {
    button: "转移负责人",
    selected: "已选 {{count}} 位客户",
    clear: "取消选择",
    title: "转移 {{count}} 位客户的负责人",
    owner: "新负责人",
    ownerRequired: "请选择新负责人",
    ownerHint: "输入用户名",
    submit: "转移",
    done: "已转移 {{reassigned}} 位客户，{{unchanged}} 位原本就是该负责人",
    failed: "未转移任何客户：{{detail}}",
  },
  export: {
    button: "导出",
    csv: "导出 CSV",
    xlsx: "导出 Excel (XLSX)",
    failed: "导出失败：{{detail}}",
  },
};

export type CustomerListMessages = typeof customerListZhCN;
