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
}
