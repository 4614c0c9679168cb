using MentorCloud.Application.Roster;

namespace MentorCloud.Application.UnitTests;

public sealed class RosterLayoutTests
{
    [Theory]
    [InlineData("employeeNo")]
    [InlineData("EmployeeNo")]
    [InlineData("工号")]
    [InlineData("工号 (employeeNo)")]
    [InlineData("工号（employeeNo）")]
    [InlineData("工号/employeeNo")]
    [InlineData("*工号")]
    [InlineData(" 工号 ")]
    public void A_header_names_its_column_by_key_Chinese_name_or_both(string header) =>
        RosterLayout.Teachers.ColumnFor(header)!.Key.ShouldBe("employeeNo");

    [Theory]
    [InlineData("备注")]
    [InlineData("")]
    [InlineData(null)]
    public void Headers_of_unknown_columns_name_nothing(string? header) => RosterLayout.Teachers.ColumnFor(header).ShouldBeNull();

    [Fact]
    public void The_same_Chinese_header_means_what_its_sheet_means()
    {
        RosterLayout.Classes.ColumnFor("班级")!.Key.ShouldBe("name");
        RosterLayout.Students.ColumnFor("班级")!.Key.ShouldBe("class");
        RosterLayout.Students.ColumnFor("监护人姓名")!.Key.ShouldBe("guardianName");
        RosterLayout.Students.ColumnFor("姓名")!.Key.ShouldBe("name");
    }

    [Fact]
    public void Every_template_header_reads_back_as_its_own_column()
    {
        foreach (var layout in RosterLayout.All)
        foreach (var column in layout.Columns)
            layout.ColumnFor(column.TemplateHeader).ShouldBe(column, column.TemplateHeader);
    }

    [Theory]
    [InlineData("students", RosterSheetKind.Students)]
    [InlineData("Students", RosterSheetKind.Students)]
    [InlineData("学生", RosterSheetKind.Students)]
    [InlineData("教师", RosterSheetKind.Teachers)]
    [InlineData("班级", RosterSheetKind.Classes)]
    public void Sheets_are_named_in_English_or_Chinese(string name, RosterSheetKind kind) => RosterLayout.ForSheet(name)!.Kind.ShouldBe(kind);

    [Theory]
    [InlineData("students.csv", null, RosterSheetKind.Students)]
    [InlineData("教师.csv", null, RosterSheetKind.Teachers)]
    [InlineData("export.csv", "classes", RosterSheetKind.Classes)]
    [InlineData("students.csv", "teachers", RosterSheetKind.Teachers)]
    [InlineData("roster.xlsx", "students", RosterSheetKind.Students)]
    [InlineData("export.csv", null, null)]
    [InlineData("students.xlsx", null, null)]
    public void The_kind_comes_from_kind_else_from_a_csv_file_name(string fileName, string? kind, RosterSheetKind? expected) =>
        RosterLayout.KindToImport(fileName, kind).ShouldBe(expected);
}
