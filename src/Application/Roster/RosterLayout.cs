namespace MentorCloud.Application.Roster;

/// <summary>The three kinds of roster sheet (花名册), imported in this order so later sheets can refer to earlier ones.</summary>
public enum RosterSheetKind
{
    Teachers,
    Classes,
    Students,
}

/// <summary>A column of a roster sheet: its key (the English header and the field named in errors), its Chinese header and other accepted headers.</summary>
public sealed record RosterColumn(string Key, string Chinese, bool Required, string Example, params string[] OtherHeaders)
{
    /// <summary>The header the template writes; the importer reads it back through either half.</summary>
    public string TemplateHeader => $"{Chinese} ({Key})";

    public bool IsNamed(string header) =>
        string.Equals(header, Key, StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, Chinese, StringComparison.Ordinal)
        || OtherHeaders.Any(h => string.Equals(header, h, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The sheets and columns of a roster file, shared by the importer, the file reader and the template.</summary>
public sealed record RosterSheetLayout(RosterSheetKind Kind, string Name, string ChineseName, IReadOnlyList<RosterColumn> Columns)
{
    public bool IsNamed(string sheetName)
    {
        var name = sheetName.Trim();
        return string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) || string.Equals(name, ChineseName, StringComparison.Ordinal);
    }

    /// <summary>
    /// The column a header cell names: the English key or the Chinese header, alone or together as in
    /// "工号 (employeeNo)", "工号/employeeNo" or "*工号"; null for a column the importer does not know.
    /// </summary>
    public RosterColumn? ColumnFor(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var whole = header.Replace("*", "", StringComparison.Ordinal).Replace("＊", "", StringComparison.Ordinal).Trim();
        return Columns.FirstOrDefault(c => c.IsNamed(whole))
               ?? whole.Split(HeaderSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                   .Select(part => Columns.FirstOrDefault(c => c.IsNamed(part)))
                   .FirstOrDefault(c => c is not null);
    }

    private static readonly char[] HeaderSeparators = [' ', '(', ')', '（', '）', '/', '／', '|', '\n', '\r', '\t', '　'];
}

public static class RosterLayout
{
    public static readonly RosterSheetLayout Teachers = new(RosterSheetKind.Teachers, "teachers", "教师",
    [
        new("name", "姓名", true, "王丽", "教师姓名"),
        new("employeeNo", "工号", true, "T2026001", "教师工号", "employee no"),
        new("subjects", "任教学科", false, "语文、道德与法治", "学科"),
        new("username", "账号", false, "", "用户名", "登录账号"),
        new("password", "密码", false, "", "初始密码"),
    ]);

    public static readonly RosterSheetLayout Classes = new(RosterSheetKind.Classes, "classes", "班级",
    [
        new("name", "班级", true, "初一(1)班", "班级名称", "班名"),
        new("grade", "年级", true, "7"),
        new("headTeacherEmployeeNo", "班主任工号", true, "T2026001"),
        new("schoolYear", "学年", false, ""),
    ]);

    public static readonly RosterSheetLayout Students = new(RosterSheetKind.Students, "students", "学生",
    [
        new("name", "姓名", true, "张小明", "学生姓名"),
        new("studentNo", "学号", true, "S2026001"),
        new("class", "班级", true, "初一(1)班", "className", "班级名称"),
        new("gender", "性别", true, "男"),
        new("birthDate", "出生日期", false, "2013-09-01", "生日"),
        new("attentionFlags", "特别关注", false, "留守、学困", "关注类型"),
        new("guardianName", "监护人", false, "张建国", "监护人姓名", "家长姓名"),
        new("guardianRelation", "关系", false, "父亲", "与学生关系", "监护人关系"),
        new("guardianPhone", "电话", false, "13800000000", "联系电话", "监护人电话", "家长电话"),
        new("schoolYear", "学年", false, ""),
        new("status", "状态", false, "在读", "在校状态", "学籍状态"),
    ]);

    /// <summary>Every sheet, in import order.</summary>
    public static readonly IReadOnlyList<RosterSheetLayout> All = [Teachers, Classes, Students];

    public static RosterSheetLayout For(RosterSheetKind kind) => All[(int)kind];

    public static RosterSheetLayout? ForSheet(string sheetName) => All.FirstOrDefault(s => s.IsNamed(sheetName));

    /// <summary>"teachers", "classes" or "students" (or 教师, 班级, 学生).</summary>
    public static bool TryParseKind(string? value, out RosterSheetKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(value) || ForSheet(value) is not { } layout) return false;
        kind = layout.Kind;
        return true;
    }

    public const string XlsxExtension = ".xlsx";
    public const string CsvExtension = ".csv";

    public static bool IsCsv(string fileName) => Path.GetExtension(fileName).Equals(CsvExtension, StringComparison.OrdinalIgnoreCase);

    public static bool IsXlsx(string fileName) => Path.GetExtension(fileName).Equals(XlsxExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The kind of sheet to import: the <c>kind</c> given, else, for a CSV file, the kind its name spells
    /// (students.csv, 学生.csv); null for a workbook without <c>kind</c>, which imports every sheet it names.
    /// </summary>
    public static RosterSheetKind? KindToImport(string fileName, string? kind)
    {
        if (TryParseKind(kind, out var given)) return given;
        if (IsCsv(fileName) && TryParseKind(Path.GetFileNameWithoutExtension(fileName), out var named)) return named;
        return null;
    }
}
