import { type Catalog, registerCatalog } from "@custra/core";

/** Messages of the import readers, value parsers and header matching. */
export const IMPORT_READ_MESSAGES = {
  "import.file.notFound": { "zh-CN": "找不到文件：{file}", en: "file not found: {file}" },
  "import.file.notAFile": { "zh-CN": "不是文件：{file}", en: "not a file: {file}" },
  "import.file.notReadable": {
    "zh-CN": "没有读取 {file} 的权限：请检查文件权限，或以有权限的用户运行",
    en: "no permission to read {file}: check the file's permissions, or run as a user who may read it",
  },
  "import.file.unsupportedFormat": {
    "zh-CN": "不支持的文件格式：{file}（支持 .csv、.txt、.tsv、.xlsx）",
    en: "unsupported file format: {file} (supported: .csv, .txt, .tsv, .xlsx)",
  },
  "import.file.empty": { "zh-CN": "文件为空：{file}", en: "the file is empty: {file}" },
  "import.file.noHeader": {
    "zh-CN": "{file} 第 {line} 行应为表头（列名），但看起来是数据：{cells}",
    en: "{file} line {line} should be the header row (column names) but looks like data: {cells}",
  },
  "import.file.sheetNotFound": {
    "zh-CN": "{file} 中没有名为“{sheet}”的工作表；现有工作表：{sheets}",
    en: 'no sheet named "{sheet}" in {file}; its sheets are: {sheets}',
  },
  "import.file.noSheets": { "zh-CN": "{file} 中没有工作表", en: "{file} contains no sheets" },
  "import.file.undecodable": {
    "zh-CN": "无法识别 {file} 的文字编码（不是 UTF-8 或 GBK/GB18030），请另存为 UTF-8 CSV",
    en: "cannot tell the text encoding of {file} (not UTF-8 or GBK/GB18030); save it as UTF-8 CSV",
  },
  "import.file.binary": {
    "zh-CN": "{file} 看起来不是文本文件（如果是 Excel 文件，请使用 .xlsx 扩展名）",
    en: "{file} does not look like a text file (if it is an Excel workbook, give it the .xlsx extension)",
  },
  "import.file.unknownEncoding": {
    "zh-CN": "不支持的文字编码“{encoding}”（{file}）",
    en: 'unsupported text encoding "{encoding}" ({file})',
  },
  "import.file.malformedCsv": {
    "zh-CN": "{file} 第 {line} 行 CSV 格式错误：{detail}",
    en: "{file} line {line}: malformed CSV: {detail}",
  },
  "import.file.unclosedQuote": {
    "zh-CN": "引号没有闭合（从该行开始的字段一直到文件末尾）",
    en: "a quoted field is never closed (from this line to the end of the file)",
  },
  "import.file.badQuote": {
    "zh-CN": '字段中间出现引号；含引号的字段应整体加引号，内部引号写两遍（""）',
    en: 'a quote in the middle of a field; quote the whole field and double the quotes inside it ("")',
  },
  "import.file.unclosedQuoteRow": {
    "zh-CN": '第 {line} 行的引号一直没有闭合（到文件末尾）：请补上闭合的引号；字段内的引号要写两遍（""）',
    en: 'the quote opened on line {line} is never closed (it runs to the end of the file): close it; a quote inside a quoted field is written twice ("")',
  },
  "import.file.runawayQuote": {
    "zh-CN":
      '第 {line} 行的引号没有正确闭合，吞并了其后 {lines} 行（到第 {last} 行）：请在字段末尾补上引号；字段内的引号要写两遍（""）',
    en: 'the quote opened on line {line} is not closed where its field ends and swallows the {lines} lines after it (to line {last}): close it at the end of its field; a quote inside a quoted field is written twice ("")',
  },
  "import.file.cellTooLong": {
    "zh-CN": "第 {column} 个字段超过 {limit} 个字符；如确为正常数据，请设置环境变量 {variable} 提高上限",
    en: "field {column} is longer than {limit} characters; if the data is genuine, raise the limit with the environment variable {variable}",
  },
  "import.file.nulByte": {
    "zh-CN": "第 {column} 个字段含有空字节（0x00），不是文本：文件可能已损坏，请重新导出",
    en: "field {column} holds a NUL byte (0x00), which is not text: the file may be damaged; export it again",
  },
  "import.file.recordTooLong": {
    "zh-CN":
      "从该行开始的记录超过 {limit} 字节，多半是引号没有闭合；如确为正常数据，请设置环境变量 {variable} 提高单元格长度上限",
    en: "the record starting on this line is longer than {limit} bytes, most likely a quote that is never closed; if the data is genuine, raise the cell length limit with the environment variable {variable}",
  },
  "import.file.mixedEncoding": {
    "zh-CN":
      "{file} 第 {line} 行之前是 UTF-8 编码，从该行起出现了非 UTF-8 字节（文件混用了两种编码）：请整体另存为 UTF-8",
    en: "{file} is UTF-8 up to line {line}, which has bytes that are not UTF-8 (the file mixes two encodings): save the whole file again as UTF-8",
  },
  "import.file.undecodableAt": {
    "zh-CN": "无法识别 {file} 第 {line} 行的文字编码（不是 UTF-8、GBK/GB18030 或 Big5），请另存为 UTF-8 CSV",
    en: "cannot tell the text encoding of {file} at line {line} (not UTF-8, GBK/GB18030 or Big5); save it as UTF-8 CSV",
  },
  "import.file.csvOther": { "zh-CN": "无法解析（{code}）", en: "cannot be parsed ({code})" },
  "import.file.notXlsx": {
    "zh-CN": "{file} 不是 Excel 工作簿（.xlsx）；如果是 CSV 文本，请使用 .csv 扩展名",
    en: "{file} is not an Excel workbook (.xlsx); if it is CSV text, give it the .csv extension",
  },
  "import.file.legacyXls": {
    "zh-CN": "{file} 是旧版 .xls 文件或加密的工作簿，无法读取：请在 Excel 中另存为 .xlsx（如有密码请先取消）",
    en: "{file} is an old .xls or an encrypted workbook: save it as .xlsx in Excel (without a password)",
  },
  "import.file.damagedXlsx": {
    "zh-CN": "工作簿已截断或损坏：{file}：{detail}。请从原系统重新导出，或重新复制完整的文件",
    en: "the workbook is truncated or damaged: {file}: {detail}. Export it again, or copy the whole file again",
  },
  "import.file.damaged.truncated": {
    "zh-CN": "文件末尾缺失（下载或复制未完成）",
    en: "the end of the file is missing (an interrupted download or copy)",
  },
  "import.file.damaged.corrupt": {
    "zh-CN": "其中的 {part} 无法正确解压",
    en: "its part {part} does not unzip correctly",
  },
  "import.file.damaged.xml": {
    "zh-CN": "其中的 {part} 不是可读取的工作表 XML",
    en: "its part {part} is not readable spreadsheet XML",
  },
  "import.file.damaged.method": {
    "zh-CN": "其中的 {part} 使用了 Excel 不使用的压缩方式",
    en: "its part {part} is compressed in a way Excel never writes",
  },
  "import.file.damaged.noWorkbook": {
    "zh-CN": "其中没有工作簿部分（xl/workbook.xml）",
    en: "it has no workbook part (xl/workbook.xml)",
  },
  "import.file.limitUnzipped": {
    "zh-CN":
      "{file} 解压后超过 {limit} MB（可能是“压缩炸弹”）；如确为正常文件，请设置环境变量 {variable} 提高上限（单位 MB）",
    en: "{file} expands to more than {limit} MB when unzipped (it may be a zip bomb); if the file is genuine, raise the limit with the environment variable {variable} (in MB)",
  },
  "import.file.limitRows": {
    "zh-CN": "{file} 的工作表超过 {limit} 行；如确需导入，请设置环境变量 {variable} 提高上限",
    en: "the sheet of {file} has more than {limit} rows; to import it anyway, raise the limit with the environment variable {variable}",
  },
  "import.file.limitCellText": {
    "zh-CN":
      "{file} 中有超过 {limit} 个字符的文字（Excel 单元格的上限；可能是“压缩炸弹”）；如确为正常文件，请设置环境变量 {variable} 提高上限",
    en: "{file} holds a text longer than {limit} characters (the most an Excel cell holds; it may be a zip bomb); if the file is genuine, raise the limit with the environment variable {variable}",
  },
  "import.file.limitCell": {
    "zh-CN":
      "{file} 第 {line} 行 {column} 列超过 {limit} 个字符（Excel 单元格的上限）；如确为正常数据，请设置环境变量 {variable} 提高上限",
    en: "{file} line {line}, column {column}: the cell is longer than {limit} characters (the most an Excel cell holds); if the data is genuine, raise the limit with the environment variable {variable}",
  },
  "import.file.badLimit": {
    "zh-CN": "环境变量 {variable} 应为正整数：{value}",
    en: "the environment variable {variable} must be a positive whole number: {value}",
  },

  "import.value.required": { "zh-CN": "必填，不能为空", en: "required, may not be empty" },
  "import.value.badDate": { "zh-CN": "无法识别的日期：{value}", en: "not a date: {value}" },
  "import.value.impossibleDate": {
    "zh-CN": "不存在的日期：{value}",
    en: "no such date: {value}",
  },
  "import.value.badTimestamp": {
    "zh-CN": "无法识别的日期时间：{value}",
    en: "not a date and time: {value}",
  },
  "import.value.badDecimal": { "zh-CN": "无法识别的数值：{value}", en: "not a number: {value}" },
  "import.value.badGrouping": {
    "zh-CN": "千位分隔符位置不对：{value}（小数点请用“.”）",
    en: 'misplaced thousands separator: {value} (write the decimal point as ".")',
  },
  "import.value.tooLarge": {
    "zh-CN": "数值过大，分析无法处理（最多 12 位整数，即 999,999,999,999.99）：{value}",
    en: "number too large for the analysis (at most 12 integer digits, 999,999,999,999.99): {value}",
  },
  "import.value.tooManyDecimals": {
    "zh-CN": "小数位超过 2 位：{value}（数据库只保存 2 位小数；请在源数据中按需要的方式舍入）",
    en: "more than 2 decimals: {value} (the database keeps 2; round it in the source the way you mean it)",
  },
  "import.value.formulaError": {
    "zh-CN": "Excel 公式错误值 {value}，不是数据；请在源表中修正公式",
    en: "an Excel formula error {value}, not a value; fix the formula in the workbook",
  },
  "import.value.formulaWithoutResult": {
    "zh-CN": "公式单元格没有结果（公式出错，如 #DIV/0!，或从未计算过）；请在 Excel 中修正公式并保存",
    en: "a formula cell without a result (an error such as #DIV/0!, or never calculated); fix the formula in Excel and save",
  },
  "import.value.placeholderCode": {
    "zh-CN": "{value} 是缺失编号的占位符，不是编号；请留空或补上编号（也可用 --values 映射）",
    en: "{value} is a placeholder for a missing code, not a code; leave the cell empty or fill in the code (or map it with --values)",
  },
  "import.value.ambiguousDate": {
    "zh-CN": "日期 {value} 的日、月顺序不明（日/月/年 还是 月/日/年？）",
    en: "the date {value} does not say whether it is day/month/year or month/day/year",
  },
  "import.value.notInDateFormat": {
    "zh-CN": "日期 {value} 不符合日期格式 {format}",
    en: "the date {value} does not match the date format {format}",
  },
  "import.value.badInt": { "zh-CN": "不是整数：{value}", en: "not a whole number: {value}" },
  "import.value.intRange": {
    "zh-CN": "{value} 超出范围 {min}–{max}",
    en: "{value} is outside {min}–{max}",
  },
  "import.value.intMin": { "zh-CN": "{value} 小于最小值 {min}", en: "{value} is below the minimum {min}" },
  "import.value.intMax": { "zh-CN": "{value} 大于最大值 {max}", en: "{value} is above the maximum {max}" },
  "import.value.badBool": {
    "zh-CN": "无法识别的是/否值：{value}（可用：是/否、true/false、1/0、yes/no、Y/N、T/F、对/错）",
    en: "not a yes/no value: {value} (accepted: true/false, 1/0, yes/no, y/n, T/F, 是/否, 对/错)",
  },
  "import.value.badEnum": {
    "zh-CN": "无法识别的取值：{value}（可用：{accepted}）",
    en: "unknown value: {value} (accepted: {accepted})",
  },
  "import.value.badJson": {
    "zh-CN": "不是有效的 JSON 对象：{value}",
    en: "not a JSON object: {value}",
  },

  "import.header.mapUnknownField": {
    "zh-CN": "列映射 {column}={field}：{entity} 没有字段“{field}”；可用字段：{fields}",
    en: 'column map {column}={field}: {entity} has no field "{field}"; its fields are: {fields}',
  },
  "import.header.mapUnknownColumn": {
    "zh-CN": "列映射 {column}={field}：文件中没有列“{column}”；现有列：{columns}",
    en: 'column map {column}={field}: the file has no column "{column}"; its columns are: {columns}',
  },
  "import.header.mapSameField": {
    "zh-CN": "列映射把列“{first}”和“{second}”都映射到了字段 {field}",
    en: 'the column map maps both "{first}" and "{second}" to the field {field}',
  },
  "import.header.duplicateField": {
    "zh-CN":
      "列“{second}”（第 {secondIndex} 列）和列“{first}”（第 {firstIndex} 列）都对应字段 {field}；请删除一列，或在列映射中指定",
    en: 'columns "{first}" (column {firstIndex}) and "{second}" (column {secondIndex}) both mean the field {field}; remove one or choose in the column map',
  },
  "import.header.badMapOption": {
    "zh-CN": "--map 参数格式应为“列名=字段名”：{value}",
    en: '--map expects "column=field": {value}',
  },
  "import.header.badValuesOption": {
    "zh-CN": "--values 参数格式应为“字段:源值=目标值,源值=目标值”：{value}",
    en: '--values expects "field:source=target,source=target": {value}',
  },
  "import.header.mapColumnTwice": {
    "zh-CN": "--map 对列“{column}”指定了两次（{first}、{second}）",
    en: '--map names the column "{column}" twice ({first}, {second})',
  },
} as const satisfies Catalog;

export type ImportReadMessageKey = keyof typeof IMPORT_READ_MESSAGES;

registerCatalog(IMPORT_READ_MESSAGES);
