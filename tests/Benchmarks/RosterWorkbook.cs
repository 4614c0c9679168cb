using System.Globalization;
using MiniExcelLibs;

namespace MentorCloud.Benchmarks;

/// <summary>A school-sized roster workbook: teachers, classes (each headed by one of them) and students spread over the classes.</summary>
internal static class RosterWorkbook
{
    private static readonly string[] Subjects = ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治"];
    private static readonly string[] Flags = ["", "", "", "", "", "", "留守", "学困、单亲", "心理关注", "经济困难"];

    /// <param name="logins">How many of the teachers, from the first, get a login (each costs a password hash).</param>
    public static byte[] Create(int teachers = 300, int classes = 120, int students = 5000, int logins = 0)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["teachers"] = Enumerable.Range(1, teachers).Select(n => Teacher(n, n <= logins)),
            ["classes"] = Enumerable.Range(1, classes).Select(ClassRow),
            ["students"] = Enumerable.Range(1, students).Select(n => Student(n, classes)),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    private static string EmployeeNo(int n) => $"T{n:D4}";

    private static string ClassName(int n) => $"{7 + (n - 1) / 20}年级({(n - 1) % 20 + 1})班";

    private static Dictionary<string, object?> Teacher(int n, bool login) => new()
    {
        ["姓名 (name)"] = $"教师{n}",
        ["工号 (employeeNo)"] = EmployeeNo(n),
        ["任教学科 (subjects)"] = $"{Subjects[n % Subjects.Length]}、{Subjects[(n + 3) % Subjects.Length]}",
        ["账号 (username)"] = login ? $"teacher{n:D4}" : null,
        ["密码 (password)"] = login ? $"Roster#{n:D4}" : null,
    };

    private static Dictionary<string, object?> ClassRow(int n) => new()
    {
        ["班级 (name)"] = ClassName(n),
        ["年级 (grade)"] = 7 + (n - 1) / 20,
        ["班主任工号 (headTeacherEmployeeNo)"] = EmployeeNo(n),
    };

    private static Dictionary<string, object?> Student(int n, int classes) => new()
    {
        ["姓名 (name)"] = $"学生{n}",
        ["学号 (studentNo)"] = $"S{n:D6}",
        ["班级 (class)"] = ClassName((n - 1) % classes + 1),
        ["性别 (gender)"] = n % 2 == 0 ? "女" : "男",
        ["出生日期 (birthDate)"] = new DateOnly(2008, 9, 1).AddDays(n % 2000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["特别关注 (attentionFlags)"] = Flags[n % Flags.Length],
        ["监护人 (guardianName)"] = $"家长{n}",
        ["关系 (guardianRelation)"] = n % 3 == 0 ? "母亲" : "父亲",
        ["电话 (guardianPhone)"] = $"138{n:D8}",
    };
}
