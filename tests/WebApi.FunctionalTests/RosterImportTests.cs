using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using MiniExcelLibs;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Roster import (花名册导入) and its template: all or nothing, upserts by number, row-precise errors.</summary>
public abstract class RosterImportTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task A_good_workbook_creates_teachers_classes_and_students()
    {
        var (school, admin) = await SchoolAsync();
        var login = TestApi.UniqueCode("wang");

        var result = await (await ImportAsync(admin, school, GoodRoster(login))).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("created").GetInt32().ShouldBe(9);
        result.GetProperty("updated").GetInt32().ShouldBe(0);
        result.GetProperty("teachers").GetProperty("created").GetInt32().ShouldBe(3);
        result.GetProperty("classes").GetProperty("created").GetInt32().ShouldBe(2);
        result.GetProperty("students").GetProperty("created").GetInt32().ShouldBe(4);
        result.GetProperty("errors").GetArrayLength().ShouldBe(0);
        result.GetProperty("imported").GetBoolean().ShouldBeTrue();

        var teachers = await ListAsync(admin, school, "teachers");
        teachers.Select(t => t.GetProperty("employeeNo").GetString()).ShouldBe(["T001", "T002", "T003"]);
        var wang = teachers.Single(t => t.GetProperty("employeeNo").GetString() == "T001");
        wang.GetProperty("name").GetString().ShouldBe("王老师");
        wang.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()).ShouldBe(["语文", "道德与法治"]);

        var classes = await ListAsync(admin, school, "classes");
        classes.Length.ShouldBe(2);
        var classOne = classes.Single(c => c.GetProperty("name").GetString() == "初一(1)班");
        classOne.GetProperty("grade").GetInt32().ShouldBe(7);
        classOne.GetProperty("headTeacherId").GetGuid().ShouldBe(wang.GetProperty("id").GetGuid());

        var students = await ListAsync(admin, school, "students");
        students.Select(s => s.GetProperty("studentNo").GetString()).ShouldBe(["S001", "S002", "S003", "S004"]);
        var first = students[0];
        first.GetProperty("classId").GetGuid().ShouldBe(classOne.GetProperty("id").GetGuid());
        first.GetProperty("gender").GetString().ShouldBe("male");
        first.GetProperty("birthDate").GetString().ShouldBe("2013-09-01");
        first.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["academicDifficulty", "leftBehind"]);
        first.GetProperty("guardians")[0].GetProperty("name").GetString().ShouldBe("张父");
        first.GetProperty("guardians")[0].GetProperty("phone").GetString().ShouldBe("13800000000");
        students[1].GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["psychological"]);
        students[2].GetProperty("gender").GetString().ShouldBe("female");
        students[3].GetProperty("guardians").GetArrayLength().ShouldBe(0);

        // The teacher row with an account got a login bound to that teacher.
        using var teacher = await Api.As(login);
        var me = await (await teacher.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["teacher"]);
        me.GetProperty("teacherId").GetGuid().ShouldBe(wang.GetProperty("id").GetGuid());
        me.GetProperty("schoolCode").GetString().ShouldBe(school.School);
    }

    [Fact]
    public async Task Importing_the_same_file_again_updates_and_duplicates_nothing()
    {
        var (school, admin) = await SchoolAsync();
        var file = GoodRoster(TestApi.UniqueCode("wang"));
        (await ImportAsync(admin, school, file)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await ListAsync(admin, school, "students");

        var again = await (await ImportAsync(admin, school, file)).ShouldBeJson(HttpStatusCode.OK);

        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("updated").GetInt32().ShouldBe(9);
        again.GetProperty("students").GetProperty("updated").GetInt32().ShouldBe(4);
        (await ListAsync(admin, school, "teachers")).Length.ShouldBe(3);
        (await ListAsync(admin, school, "classes")).Length.ShouldBe(2);
        var after = await ListAsync(admin, school, "students");
        after.Select(s => s.GetProperty("id").GetGuid()).ShouldBe(before.Select(s => s.GetProperty("id").GetGuid()));
        after.Select(s => s.GetRawText()).ShouldBe(before.Select(s => s.GetRawText()));
    }

    [Fact]
    public async Task A_changed_file_updates_the_stored_rows_in_place()
    {
        var (school, admin) = await SchoolAsync();
        (await ImportAsync(admin, school, GoodRoster(null))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var classes = await ListAsync(admin, school, "classes");
        var classTwo = classes.Single(c => c.GetProperty("name").GetString() == "初一(2)班").GetProperty("id").GetGuid();

        var changed = Xlsx(
            ("teachers", [Teacher("王丽", "T001", "数学")]),
            ("students", [Student("张大明", "S001", "初一(2)班", flags: "", guardian: ("张父", "父亲", "13900000000"))]));
        var result = await (await ImportAsync(admin, school, changed)).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("updated").GetInt32().ShouldBe(2);
        var wang = (await ListAsync(admin, school, "teachers")).Single(t => t.GetProperty("employeeNo").GetString() == "T001");
        wang.GetProperty("name").GetString().ShouldBe("王丽");
        wang.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()).ShouldBe(["数学"]);
        var student = (await ListAsync(admin, school, "students")).Single(s => s.GetProperty("studentNo").GetString() == "S001");
        student.GetProperty("name").GetString().ShouldBe("张大明");
        student.GetProperty("classId").GetGuid().ShouldBe(classTwo);
        student.GetProperty("attentionFlags").GetArrayLength().ShouldBe(0);
        student.GetProperty("guardians").GetArrayLength().ShouldBe(1);
        student.GetProperty("guardians")[0].GetProperty("phone").GetString().ShouldBe("13900000000");
        (await ListAsync(admin, school, "students")).Length.ShouldBe(4);
    }

    [Fact]
    public async Task A_workbook_that_would_unpack_to_too_much_answers_413_before_it_is_parsed_and_stores_nothing()
    {
        var (school, admin) = await SchoolAsync();

        // An entry whose directory record declares 4 GiB, and one of 32 MiB that packs a thousandfold.
        var declaredHuge = DeclareUncompressedSize(Zip(("xl/workbook.xml", new byte[1024])), 0xFFFF_FF00);
        var packedTooWell = Zip(("xl/worksheets/sheet1.xml", new byte[32 * 1024 * 1024]));
        packedTooWell.Length.ShouldBeLessThan(1024 * 1024);

        foreach (var bomb in new[] { declaredHuge, packedTooWell })
            (await (await ImportAsync(admin, school, bomb)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge))
                .GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        var brokenDirectory = GoodRoster(null);
        brokenDirectory.AsSpan(brokenDirectory.Length - 22, 22).Clear();
        (await (await ImportAsync(admin, school, brokenDirectory)).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Blank_rows_and_rows_of_unknown_columns_count_towards_the_row_limit()
    {
        var school = await Api.CreateSchoolAsync();
        var token = await Api.TokenAsync(school.SchoolAdmin, TestApi.Password);
        await using var limited = App.Factory.WithWebHostBuilder(b => b.UseSetting("Roster:MaxRowsPerSheet", "3"));
        using var admin = limited.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var blankRows = Encoding.UTF8.GetBytes("name,employeeNo\n王老师,T001\n\n\n\n\n");
        var unknownColumns = Encoding.UTF8.GetBytes("name,employeeNo,note\n王老师,T001,\n,,x\n,,y\n,,z\n");
        var blankAboveHeader = Encoding.UTF8.GetBytes("\n\n\n\nname,employeeNo\n王老师,T001\n");
        foreach (var file in new[] { blankRows, unknownColumns, blankAboveHeader })
            (await (await ImportAsync(admin, school, file, "teachers.csv")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();

        var withinLimit = Encoding.UTF8.GetBytes("name,employeeNo\n王老师,T001\n\n");
        (await (await ImportAsync(admin, school, withinLimit, "teachers.csv")).ShouldBeJson(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com/x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-1+1")]
    [InlineData("@SUM(1)")]
    public async Task A_name_that_starts_like_a_formula_is_a_row_error_and_nothing_is_stored(string name)
    {
        var (school, admin) = await SchoolAsync();
        var file = Xlsx(("teachers", [Teacher(name, "T001"), Teacher("李老师", "T002")]));

        var problem = await (await ImportAsync(admin, school, file)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("sheet").GetString().ShouldBe("teachers");
        error.GetProperty("row").GetInt32().ShouldBe(2);
        error.GetProperty("field").GetString().ShouldBe("name");
        error.GetProperty("message").GetString()!.ShouldContain("=");
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Rewrites the uncompressed size that every central directory record declares, leaving the data as it is.</summary>
    private static byte[] DeclareUncompressedSize(byte[] zip, uint size)
    {
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
        }
        return zip;
    }

    [Fact]
    public async Task A_file_with_one_bad_row_writes_nothing_and_names_the_row()
    {
        var (school, admin) = await SchoolAsync();
        var file = GoodRoster(TestApi.UniqueCode("wang"), badGenderOfSecondStudent: "未知");

        var problem = await (await ImportAsync(admin, school, file)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errorCount").GetInt32().ShouldBe(1);
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("sheet").GetString().ShouldBe("students");
        error.GetProperty("row").GetInt32().ShouldBe(3);
        error.GetProperty("field").GetString().ShouldBe("gender");
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
        (await ListAsync(admin, school, "classes")).ShouldBeEmpty();
        (await ListAsync(admin, school, "students")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_failing_cell_is_reported_with_its_sheet_row_and_field()
    {
        var (school, admin) = await SchoolAsync();
        var file = Xlsx(
            ("teachers",
            [
                Teacher("王老师", "T001"),
                Teacher("王二", "T001"),
                Teacher("", "T002"),
                Teacher("赵老师", "T003", username: "x", password: "short"),
            ]),
            ("classes",
            [
                Class("初一(1)班", "7", "T001"),
                Class("初一(2)班", "7", "T999"),
                Class("初一(3)班", "13", "T001"),
                Class("初一(1)班", "7", "T001"),
            ]),
            ("students",
            [
                Student("甲", "S001", "初一(1)班"),
                Student("乙", "S002", "不存在的班"),
                Student("丙", "S003", "初一(1)班", birthDate: "2013-13-01"),
                Student("丁", "S004", "初一(1)班", flags: "学困、外星人"),
                Student("戊", "S 5", "初一(1)班"),
                Student("己", "S006", "初一(1)班", guardian: ("己父", "父亲", "abc")),
                Student("庚", "S001", "初一(1)班"),
            ]));

        var problem = await (await ImportAsync(admin, school, file)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("sheet").GetString(), e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.ShouldBe(
        [
            ("teachers", 3, "employeeNo"),
            ("teachers", 4, "name"),
            ("teachers", 5, "username"),
            ("teachers", 5, "password"),
            ("classes", 3, "headTeacherEmployeeNo"),
            ("classes", 4, "grade"),
            ("classes", 5, "name"),
            ("students", 3, "class"),
            ("students", 4, "birthDate"),
            ("students", 5, "attentionFlags"),
            ("students", 6, "studentNo"),
            ("students", 7, "guardianPhone"),
            ("students", 8, "studentNo"),
        ], ignoreOrder: true);
        problem.GetProperty("errorCount").GetInt32().ShouldBe(errors.Count);
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_required_column_is_reported_on_the_header_row()
    {
        var (school, admin) = await SchoolAsync();
        var noNumbers = new Dictionary<string, object?> { ["姓名"] = "甲", ["班级"] = "初一(1)班", ["性别"] = "男" };

        var problem = await (await ImportAsync(admin, school, Xlsx(("学生", [noNumbers]))))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("sheet").GetString(), error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString()).ShouldBe(("学生", 1, "studentNo"));
    }

    [Fact]
    public async Task A_head_teacher_can_head_one_class_per_school_year_across_file_and_database()
    {
        var (school, admin) = await SchoolAsync();
        (await ImportAsync(admin, school, GoodRoster(null))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await ImportAsync(admin, school, Xlsx(("classes", [Class("初一(3)班", "7", "T001")]))))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("headTeacherEmployeeNo");
        (await ListAsync(admin, school, "classes")).Length.ShouldBe(2);

        // Moving the head teachers round within one file is fine: only the final state counts.
        var swapped = await (await ImportAsync(admin, school, Xlsx(("classes", [Class("初一(1)班", "7", "T003"), Class("初一(3)班", "7", "T001")]))))
            .ShouldBeJson(HttpStatusCode.OK);
        swapped.GetProperty("classes").GetProperty("created").GetInt32().ShouldBe(1);
        swapped.GetProperty("classes").GetProperty("updated").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_but_reports_what_it_would_do()
    {
        var (school, admin) = await SchoolAsync();
        var login = TestApi.UniqueCode("wang");

        var result = await (await ImportAsync(admin, school, GoodRoster(login), query: "?dryRun=true")).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        result.GetProperty("imported").GetBoolean().ShouldBeFalse();
        result.GetProperty("created").GetInt32().ShouldBe(9);
        result.GetProperty("students").GetProperty("created").GetInt32().ShouldBe(4);
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
        (await ListAsync(admin, school, "classes")).ShouldBeEmpty();
        (await ListAsync(admin, school, "students")).ShouldBeEmpty();
        using var anonymous = Api.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = login, password = TestApi.Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var withError = await (await ImportAsync(admin, school, GoodRoster(null, badGenderOfSecondStudent: "x"), query: "?dryRun=true"))
            .ShouldBeJson(HttpStatusCode.OK);
        withError.GetProperty("errorCount").GetInt32().ShouldBe(1);
        withError.GetProperty("errors")[0].GetProperty("row").GetInt32().ShouldBe(3);
        withError.GetProperty("created").GetInt32().ShouldBe(8);
        (await ListAsync(admin, school, "students")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Files_that_are_not_a_readable_workbook_or_csv_answer_400()
    {
        var (school, admin) = await SchoolAsync();
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);

        (await (await ImportAsync(admin, school, noise, "roster.xlsx")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();
        (await (await ImportAsync(admin, school, noise, "students.csv")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();
        (await (await ImportAsync(admin, school, "姓名,学号\n张三,S1\n"u8.ToArray(), "roster.txt")).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorsFor("file").ShouldNotBeEmpty();
        var zipNotWorkbook = new byte[64];
        "PK\u0003\u0004"u8.CopyTo(zipNotWorkbook);
        (await (await ImportAsync(admin, school, zipNotWorkbook, "roster.xlsx")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();
        var otherSheets = Xlsx(("Sheet1", [new Dictionary<string, object?> { ["a"] = "b" }]));
        (await (await ImportAsync(admin, school, otherSheets)).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();

        using var noFile = new MultipartFormDataContent { { new StringContent("students"), "kind" } };
        (await (await admin.PostAsync(school.Route("roster/import"), noFile, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("file").ShouldNotBeEmpty();
        (await (await admin.PostAsync(school.Route("roster/import"), TruncatedMultipart(), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorsFor("file").ShouldNotBeEmpty();
        (await ListAsync(admin, school, "teachers")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_answers_413()
    {
        await using var limited = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["Roster:MaxUploadBytes"] = "2048" });
        var api = new TestApi(limited);
        var school = await api.CreateSchoolAsync();
        using var admin = await api.As(school.SchoolAdmin);

        // Far over: refused on Content-Length before the body is read.
        var huge = await (await ImportAsync(admin, school, new byte[200_000], "roster.xlsx")).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        huge.GetProperty("detail").GetString()!.ShouldContain("2048");
        // Just over: the request fits the envelope, the file part does not.
        await (await ImportAsync(admin, school, new byte[3000], "roster.xlsx")).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        var small = Encoding.UTF8.GetBytes("name,employeeNo\n王老师,T001\n");
        (await (await ImportAsync(admin, school, small, "teachers.csv")).ShouldBeJson(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_school_admin_of_the_school_may_import_or_download_the_template()
    {
        var (school, admin) = await SchoolAsync();
        var other = await Api.CreateSchoolAsync();
        var teacherLogin = TestApi.UniqueCode("t");
        await admin.CreateTeacherAsync(school, teacherLogin);
        var file = GoodRoster(null);

        using (var teacher = await Api.As(teacherLogin))
        {
            await (await ImportAsync(teacher, school, file)).ShouldBeProblem(HttpStatusCode.Forbidden);
            // The role is refused before the form is read: a broken body makes no difference.
            await (await teacher.PostAsync(school.Route("roster/import"), TruncatedMultipart(), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await teacher.GetAsync(school.Route("roster/template"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        using (var districtAdmin = await Api.As(school.DistrictAdmin))
        {
            await (await ImportAsync(districtAdmin, school, file)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await districtAdmin.GetAsync(school.Route("roster/template"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
        using (var anonymous = Api.Anonymous())
        {
            await (await ImportAsync(anonymous, school, file)).ShouldBeProblem(HttpStatusCode.Unauthorized);
            await (await anonymous.GetAsync(school.Route("roster/template"), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        // Another school's admin is told the school does not exist, and nothing of it changes.
        using (var otherAdmin = await Api.As(other.SchoolAdmin))
        {
            await (await ImportAsync(otherAdmin, school, file)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await otherAdmin.GetAsync(school.Route("roster/template"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
            (await ListAsync(otherAdmin, other, "teachers")).ShouldBeEmpty();
        }
        (await ListAsync(admin, school, "teachers")).Length.ShouldBe(1);
        (await ListAsync(admin, school, "classes")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Students_import_from_csv_with_the_kind_from_query_form_field_or_file_name()
    {
        var (school, admin) = await SchoolAsync();
        var teachers = "工号,姓名,任教学科\nT001,王老师,语文\nT002,李老师,数学\n";
        (await (await ImportAsync(admin, school, Utf8Bom(teachers), "教师.csv")).ShouldBeJson(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(2);
        var classes = "name,grade,headTeacherEmployeeNo\n初一(1)班,7,T001\n初一(2)班,七年级,T002\n";
        (await (await ImportAsync(admin, school, Utf8Bom(classes), "upload.csv", kindField: "classes")).ShouldBeJson(HttpStatusCode.OK))
            .GetProperty("created").GetInt32().ShouldBe(2);

        var students = "学号,姓名,班级,性别,出生日期,特别关注,监护人,关系,电话\n"
                       + "S001,张三,初一(1)班,男,2013/9/1,留守,张父,父亲,13800000000\n"
                       + "\n"
                       + "S002,\"李,四\",初一(2)班,女,,,,,\n";
        var result = await (await ImportAsync(admin, school, Utf8Bom(students), "upload.csv", query: "?kind=students")).ShouldBeJson(HttpStatusCode.OK);
        result.GetProperty("students").GetProperty("created").GetInt32().ShouldBe(2);

        var stored = await ListAsync(admin, school, "students");
        stored.Select(s => s.GetProperty("name").GetString()).ShouldBe(["张三", "李,四"]);
        stored[0].GetProperty("birthDate").GetString().ShouldBe("2013-09-01");
        stored[0].GetProperty("attentionFlags").EnumerateArray().Single().GetString().ShouldBe("leftBehind");
        stored[1].GetProperty("gender").GetString().ShouldBe("female");

        // Row numbers count the blank line, as a spreadsheet shows the file.
        var bad = "学号,姓名,班级,性别\nS003,王五,初一(1)班,男\n\nS004,赵六,初一(1)班,?\n";
        var problem = await (await ImportAsync(admin, school, Utf8Bom(bad), "students.csv")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("sheet").GetString(), error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString()).ShouldBe(("students", 4, "gender"));

        var unnamed = await (await ImportAsync(admin, school, Utf8Bom(students), "upload.csv")).ShouldBeProblem(HttpStatusCode.BadRequest);
        unnamed.ErrorsFor("kind").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_status_column_marks_leavers_and_refuses_unknown_statuses_and_new_leavers_R15()
    {
        var (school, admin) = await SchoolAsync();
        (await ImportAsync(admin, school, Utf8Bom("工号,姓名\nT001,王老师\n"), "teachers.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ImportAsync(admin, school, Utf8Bom("name,grade,headTeacherEmployeeNo\n初一(1)班,7,T001\n"), "classes.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ImportAsync(admin, school, Utf8Bom("学号,姓名,班级,性别,状态\nS001,张三,初一(1)班,男,在读\nS002,李四,初一(1)班,女,active\n"), "students.csv"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var bad = "学号,姓名,班级,性别,状态\nS001,张三,初一(1)班,男,毕业了\nS009,新生,初一(1)班,女,离校\n";
        var problem = await (await ImportAsync(admin, school, Utf8Bom(bad), "students.csv")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString()))
            .ShouldBe([(2, "status"), (3, "status")]);
        (await ListAsync(admin, school, "students")).ShouldAllBe(s => s.GetProperty("isActive").GetBoolean());

        var left = await (await ImportAsync(admin, school, Utf8Bom("学号,姓名,班级,性别,状态\nS002,李四,初一(1)班,女,离校\n"), "students.csv")).ShouldBeJson(HttpStatusCode.OK);
        left.GetProperty("students").GetProperty("updated").GetInt32().ShouldBe(1);
        var page = await (await admin.GetAsync(school.Route("students?includeInactive=true"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var stored = page.GetProperty("items").EnumerateArray().ToList();
        stored.Single(s => s.GetProperty("studentNo").GetString() == "S002").GetProperty("isActive").GetBoolean().ShouldBeFalse();
        stored.Single(s => s.GetProperty("studentNo").GetString() == "S001").GetProperty("isActive").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_csv_saved_by_Chinese_Excel_in_GB18030_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var (school, admin) = await SchoolAsync();
        var teachers = Encoding.GetEncoding("GB18030").GetBytes("姓名,工号,任教学科\r\n王老师,T001,语文、历史\r\n");

        (await (await ImportAsync(admin, school, teachers, "teachers.csv")).ShouldBeJson(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(1);

        var stored = (await ListAsync(admin, school, "teachers")).Single();
        stored.GetProperty("name").GetString().ShouldBe("王老师");
        stored.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()).ShouldBe(["语文", "历史"]);
    }

    [Fact]
    public async Task Chinese_sheet_names_and_headers_are_accepted()
    {
        var (school, admin) = await SchoolAsync();
        var file = Xlsx(
            ("教师", [new Dictionary<string, object?> { ["姓名"] = "王老师", ["工号"] = "T001", ["任教学科"] = "语文" }]),
            ("班级", [new Dictionary<string, object?> { ["班级"] = "初一(1)班", ["年级"] = 7, ["班主任工号"] = "T001", ["学年"] = "2025-2026" }]),
            ("学生", [new Dictionary<string, object?>
            {
                ["姓名"] = "张三", ["学号"] = 20250001, ["班级"] = "初一(1)班", ["性别"] = "女", ["出生日期"] = new DateTime(2012, 10, 1),
                ["特别关注"] = "单亲、经济困难", ["监护人"] = "张母", ["关系"] = "母亲", ["电话"] = 13900000000L, ["学年"] = 2025,
            }]));

        var result = await (await ImportAsync(admin, school, file)).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("created").GetInt32().ShouldBe(3);
        var schoolClass = (await ListAsync(admin, school, "classes")).Single();
        schoolClass.GetProperty("schoolYear").GetInt32().ShouldBe(2025);
        var student = (await ListAsync(admin, school, "students")).Single();
        student.GetProperty("studentNo").GetString().ShouldBe("20250001");
        student.GetProperty("birthDate").GetString().ShouldBe("2012-10-01");
        student.GetProperty("classId").GetGuid().ShouldBe(schoolClass.GetProperty("id").GetGuid());
        student.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["singleParent", "financialHardship"]);
        student.GetProperty("guardians")[0].GetProperty("phone").GetString().ShouldBe("13900000000");
    }

    [Fact]
    public async Task A_single_sheet_with_a_title_row_imports_as_the_kind_given_and_keeps_spreadsheet_row_numbers()
    {
        var (school, admin) = await SchoolAsync();
        Dictionary<string, object?> Row(string a, string b, string c) => new() { ["A"] = a, ["B"] = b, ["C"] = c };
        byte[] Sheet(params Dictionary<string, object?>[] rows)
        {
            using var stream = new MemoryStream();
            MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: "Sheet1");
            return stream.ToArray();
        }

        var bad = Sheet(Row("2026学年教师名单", "", ""), Row("工号", "姓名", "任教学科"), Row("T001", "王老师", "语文"), Row("T002", "", "数学"));
        var problem = await (await ImportAsync(admin, school, bad, query: "?kind=teachers")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("sheet").GetString(), error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString()).ShouldBe(("Sheet1", 4, "name"));

        var good = Sheet(Row("2026学年教师名单", "", ""), Row("工号", "姓名", "任教学科"), Row("T001", "王老师", "语文"), Row("T002", "李老师", "数学"));
        (await (await ImportAsync(admin, school, good, query: "?kind=teachers")).ShouldBeJson(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(2);
        (await ListAsync(admin, school, "teachers")).Select(t => t.GetProperty("name").GetString()).ShouldBe(["王老师", "李老师"]);
    }

    [Fact]
    public async Task The_template_is_a_workbook_with_three_sheets_that_imports_as_it_is()
    {
        var (school, admin) = await SchoolAsync();

        var response = await admin.GetAsync(school.Route("roster/template"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(XlsxType);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("roster-template.xlsx");
        var template = await response.Content.ReadAsByteArrayAsync(Ct);
        using (var stream = new MemoryStream(template))
        {
            MiniExcel.GetSheetNames(stream).ShouldBe(["teachers", "classes", "students"]);
            stream.Position = 0;
            var headers = (IDictionary<string, object?>)MiniExcel.Query(stream, sheetName: "students").First();
            headers.Values.ShouldContain("学号 (studentNo)");
            headers.Values.ShouldContain("特别关注 (attentionFlags)");
        }

        var result = await (await ImportAsync(admin, school, template, "roster-template.xlsx")).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("created").GetInt32().ShouldBe(3);
        var student = (await ListAsync(admin, school, "students")).Single();
        student.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["academicDifficulty", "leftBehind"]);
        student.GetProperty("classId").GetGuid().ShouldBe((await ListAsync(admin, school, "classes")).Single().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Errors_follow_accept_language()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin, language: "en");

        var problem = await (await ImportAsync(admin, school, GoodRoster(null, badGenderOfSecondStudent: "?"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString().ShouldBe("The file has 1 errors; nothing was imported.");
        problem.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("Gender must be male/female or 男/女.");
    }

    private async Task<(SchoolSetup School, HttpClient Admin)> SchoolAsync()
    {
        var school = await Api.CreateSchoolAsync();
        return (school, await Api.As(school.SchoolAdmin));
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, SchoolSetup school, byte[] file, string fileName = "roster.xlsx",
        string query = "", string? kindField = null)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? XlsxType : "text/csv");
        form.Add(content, "file", fileName);
        if (kindField is not null) form.Add(new StringContent(kindField), "kind");
        return await client.PostAsync(school.Route("roster/import") + query, form, Ct);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client, SchoolSetup school, string resource)
    {
        var page = await (await client.GetAsync(school.Route($"{resource}?pageSize=200"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Three teachers (the first with a login when one is named), two classes of grade 7 and four students.</summary>
    private static byte[] GoodRoster(string? login, string badGenderOfSecondStudent = "男") => Xlsx(
        ("teachers",
        [
            Teacher("王老师", "T001", "语文、道德与法治", login),
            Teacher("李老师", "T002", "数学"),
            Teacher("赵老师", "T003", "英语,历史"),
        ]),
        ("classes", [Class("初一(1)班", "7", "T001"), Class("初一(2)班", "7", "T002")]),
        ("students",
        [
            Student("张小明", "S001", "初一(1)班", flags: "留守、学困", guardian: ("张父", "父亲", "13800000000")),
            Student("李小红", "S002", "初一(1)班", gender: badGenderOfSecondStudent, flags: "psychological"),
            Student("王芳", "S003", "初一(2)班", gender: "female"),
            Student("赵强", "S004", "初一(2)班", guardian: (null, null, null)),
        ]));

    private static Dictionary<string, object?> Teacher(string name, string employeeNo, string subjects = "语文", string? username = null,
        string password = TestApi.Password) => new()
    {
        ["name"] = name,
        ["employeeNo"] = employeeNo,
        ["subjects"] = subjects,
        ["username"] = username,
        ["password"] = username is null ? null : password,
    };

    private static Dictionary<string, object?> Class(string name, string grade, string headTeacherEmployeeNo) => new()
    {
        ["name"] = name,
        ["grade"] = grade,
        ["headTeacherEmployeeNo"] = headTeacherEmployeeNo,
    };

    private static Dictionary<string, object?> Student(string name, string studentNo, string className, string gender = "男", string? birthDate = "2013-09-01",
        string flags = "", (string? Name, string? Relation, string? Phone)? guardian = null)
    {
        var (guardianName, relation, phone) = guardian ?? ("家长", "母亲", "13700000000");
        return new()
        {
            ["姓名 (name)"] = name,
            ["学号 (studentNo)"] = studentNo,
            ["班级 (class)"] = className,
            ["性别 (gender)"] = gender,
            ["出生日期 (birthDate)"] = birthDate,
            ["特别关注 (attentionFlags)"] = flags,
            ["监护人 (guardianName)"] = guardianName,
            ["关系 (guardianRelation)"] = relation,
            ["电话 (guardianPhone)"] = phone,
        };
    }

    private static byte[] Xlsx(params (string Sheet, Dictionary<string, object?>[] Rows)[] sheets)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (sheet, rows) in sheets) workbook[sheet] = rows;
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, workbook);
        return stream.ToArray();
    }

    /// <summary>A multipart body that stops in the middle of its file part.</summary>
    private static ByteArrayContent TruncatedMultipart()
    {
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"students.csv\"\r\n\r\nname,studentNo\r\n"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0");
        return body;
    }

    private static byte[] Utf8Bom(string text) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];
}

public sealed class RosterImportTestsOnSqlite(SqliteApp app) : RosterImportTests<SqliteApp>(app);

public sealed class RosterImportTestsOnPostgres(PostgresApp app) : RosterImportTests<PostgresApp>(app);
