using System.Reflection;
using MentorCloud.Application.Roster;
using MentorCloud.Application.Roster.Commands.ImportRoster;

namespace MentorCloud.Application.UnitTests;

public sealed class RosterImportValidatorTests
{
    private readonly ImportRosterValidator _validator = new();

    private static RosterUpload Upload(string fileName, int length = 10) => new(fileName, length, new MemoryStream(new byte[length]));

    [Fact]
    public void A_workbook_needs_no_kind() => _validator.FailingFields(new ImportRosterCommand(Upload("roster.xlsx"))).ShouldBeEmpty();

    [Fact]
    public void A_file_is_required() => _validator.FailingFields(new ImportRosterCommand(null)).ShouldBe(["file"]);

    [Theory]
    [InlineData("roster.txt")]
    [InlineData("roster.xls")]
    [InlineData("roster")]
    public void Only_xlsx_and_csv_files_are_accepted(string fileName) =>
        _validator.FailingFields(new ImportRosterCommand(Upload(fileName), "students")).ShouldBe(["file"]);

    [Fact]
    public void An_empty_file_is_refused() => _validator.FailingFields(new ImportRosterCommand(Upload("roster.xlsx", 0))).ShouldBe(["file"]);

    [Fact]
    public void A_csv_file_needs_its_kind_unless_its_name_says_it()
    {
        _validator.FailingFields(new ImportRosterCommand(Upload("export.csv"))).ShouldBe(["Kind"]);
        _validator.FailingFields(new ImportRosterCommand(Upload("export.csv"), "students")).ShouldBeEmpty();
        _validator.FailingFields(new ImportRosterCommand(Upload("students.csv"))).ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_kind_is_refused() =>
        _validator.FailingFields(new ImportRosterCommand(Upload("roster.xlsx"), "parents")).ShouldBe(["Kind"]);

    [Fact]
    public void Every_roster_message_has_a_Chinese_and_a_different_English_text()
    {
        var texts = typeof(RosterMessages).GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false })
            .ToList();
        texts.Count.ShouldBeGreaterThan(10);

        foreach (var member in texts)
        {
            string chinese, english;
            using (new UiCulture("zh-CN")) chinese = Read(member);
            using (new UiCulture("en")) english = Read(member);

            english.ShouldNotBe(chinese, member.Name);
            chinese.Any(c => c is >= '\u4e00' and <= '\u9fff').ShouldBeTrue($"{member.Name} has Chinese text");
            english.ShouldNotBeNullOrWhiteSpace(member.Name);
        }
    }

    private static string Read(MemberInfo member) => member switch
    {
        PropertyInfo property => (string)property.GetValue(null)!,
        MethodInfo method => (string)method.Invoke(null, [.. method.GetParameters().Select(p => p.ParameterType == typeof(string) ? "x" : Activator.CreateInstance(p.ParameterType))])!,
        _ => throw new InvalidOperationException(member.Name),
    };
}
