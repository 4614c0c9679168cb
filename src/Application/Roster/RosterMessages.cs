using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Roster;

/// <summary>The roster import's user-facing texts in Simplified Chinese (the default) and English, chosen like <see cref="Common.Localization.Messages"/>.</summary>
public static class RosterMessages
{
    private static LocalizedText T(string zh, string en) => new(zh, en);

    public static LocalizedText FileRequired => T("请在表单字段 file 中上传花名册文件。", "Upload the roster file in the form field 'file'.");
    public static LocalizedText FileType => T("仅支持 .xlsx 工作簿或 .csv 文件。", "Only .xlsx workbooks and .csv files are accepted.");
    public static LocalizedText FileEmpty => T("上传的文件是空的。", "The uploaded file is empty.");
    public static LocalizedText FileUnreadable => T("无法读取该文件:它不是有效的 .xlsx 工作簿或 .csv 文件。", "The file cannot be read: it is not a valid .xlsx workbook or .csv file.");
    public static LocalizedText NoRosterSheets => T("工作簿中没有名为 teachers/教师、classes/班级 或 students/学生 的工作表。",
        "The workbook has no sheet named teachers/教师, classes/班级 or students/学生.");
    public static LocalizedText KindInvalid => T("kind 须为 teachers、classes 或 students。", "kind must be teachers, classes or students.");
    public static LocalizedText KindRequired => T("CSV 文件须用 kind 指明内容(teachers、classes 或 students),或命名为 teachers.csv、classes.csv、students.csv。",
        "For a CSV file, give kind (teachers, classes or students) or name the file teachers.csv, classes.csv or students.csv.");
    public static LocalizedText TooManyRows(int limit) => T($"每个工作表最多 {limit} 行数据。", $"A sheet may hold at most {limit} data rows.");
    public static LocalizedText FormulaNotAllowed => T("不能以 =、+、-、@ 开头(表格软件会把它当作公式)。", "Must not start with =, +, - or @ (spreadsheet programs would run it as a formula).");
    public static LocalizedText UnpackedTooLarge => T("工作簿解压后过大或压缩比异常,未读取。", "The workbook unpacks to too much data or is compressed suspiciously well; it was not read.");
    public static LocalizedText FileTooLarge(long limit) => T($"文件超过 {limit} 字节的上限。", $"The file exceeds the limit of {limit} bytes.");
    public static LocalizedText ImportRejected(int errors) => T($"文件中有 {errors} 处错误,未导入任何数据。", $"The file has {errors} errors; nothing was imported.");
    public static LocalizedText ColumnMissing(string header) => T($"缺少必填列“{header}”。", $"The required column '{header}' is missing.");
    public static LocalizedText Required => T("此项必填。", "This cell is required.");
    public static LocalizedText GenderInvalid => T("性别须为 男/女 或 male/female。", "Gender must be male/female or 男/女.");
    public static LocalizedText DateInvalid => T("日期须写作 yyyy-MM-dd,如 2013-09-01。", "Write dates as yyyy-MM-dd, e.g. 2013-09-01.");
    public static LocalizedText GradeInvalid => T("年级须为 1–12 的整数。", "The grade must be a whole number from 1 to 12.");
    public static LocalizedText SchoolYearInvalid => T("学年须写作起始年份,如 2026 或 2026-2027。", "Write the school year as its first year, e.g. 2026 or 2026-2027.");
    public static LocalizedText AttentionFlagUnknown(string value) => T($"未知的特别关注类型“{value}”;可选:{RosterValues.AttentionFlagChoices}。",
        $"Unknown attention flag '{value}'; use one of: {Students.StudentMapping.FlagNames}.");
    public static LocalizedText TeacherNotFound(string employeeNo) => T($"没有工号为 '{employeeNo}' 的教师。", $"No teacher has the employee number '{employeeNo}'.");
    public static LocalizedText ClassNotFound(string name, int schoolYear) => T($"{schoolYear} 学年没有名为 '{name}' 的班级。", $"There is no class named '{name}' in school year {schoolYear}.");
    public static LocalizedText StatusInvalid => T("状态须为 在读 或 离校(active / left)。", "The status must be active or left (在读 / 离校).");
    public static LocalizedText NewStudentLeft => T("新学生不能以“离校”状态导入。", "A new student cannot be imported as left.");
    public static LocalizedText InactiveStudentTransfer => T("已离校的学生不能转班。", "An inactive student cannot change class.");
}
