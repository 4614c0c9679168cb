using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// A demo district and school with a current semester, 4 classes, 12 teachers and 120 students, so a fresh
/// <c>dotnet run</c> has something to explore. Runs once; the logins are printed at every start.
/// </summary>
public sealed class DemoSeeder(
    CatalogDbContext catalog, IIdentityService identity, ITenantProvisioner provisioner, ITenantScopeFactory tenantScopes,
    TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DistrictCode = "demo";
    public const string SchoolCode = "demo-school";
    public const string DistrictAdmin = "demo-district";
    public const string SchoolAdmin = "demo-admin";
    public const string Password = "Demo#2026";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
    private static readonly string[] GivenNames = ["子涵", "欣怡", "梓轩", "浩然", "雨桐", "一诺", "宇轩", "思彤", "俊杰", "可馨"];
    private static readonly string[] Subjects = ["语文", "数学", "英语", "科学", "道德与法治", "体育", "音乐", "美术"];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await catalog.Districts.AnyAsync(d => d.Code == DistrictCode, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var district = new District(DistrictCode, "示范区教育局 Demo District Education Bureau", now);
            var school = new School(district.Id, SchoolCode, "示范实验小学 Demo Experimental Primary School", null, now);
            catalog.Districts.Add(district);
            catalog.Schools.Add(school);
            identity.CreateUser(new NewUser(DistrictAdmin, Password, "示范区管理员", [Roles.DistrictAdmin], DistrictCode: DistrictCode));
            identity.CreateUser(new NewUser(SchoolAdmin, Password, "示范校管理员", [Roles.SchoolAdmin], DistrictCode: DistrictCode, SchoolCode: SchoolCode));
            var tenant = TenantInfo.For(school, district);
            await provisioner.ProvisionAsync(tenant, cancellationToken);
            await SeedSchoolAsync(tenant, cancellationToken);
            await catalog.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning(
            "Demo data: district '{District}' (admin {DistrictAdmin}), school '{School}' (admin {SchoolAdmin}, head teachers demo-t01…demo-t04, " +
            "teachers demo-t05…demo-t12, students demo-s001…demo-s004); every demo password is {Password}",
            DistrictCode, DistrictAdmin, SchoolCode, SchoolAdmin, Password);
    }

    private async Task SeedSchoolAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var today = clock.Today();
        db.Semesters.Add(new Semester($"{SemesterLabel(today)}", CurrentSemester(today)));

        var teachers = Enumerable.Range(1, 12).Select(i =>
        {
            var teacher = new Teacher($"{Surnames[i - 1]}老师", $"T{i:000}", [Subjects[(i - 1) % Subjects.Length]]);
            identity.CreateUser(new NewUser($"demo-t{i:00}", Password, teacher.Name, [Roles.Teacher], DistrictCode, SchoolCode, TeacherId: teacher.Id));
            return teacher;
        }).ToList();
        db.Teachers.AddRange(teachers);

        var schoolYear = SchoolClass.SchoolYearOf(today);
        var classes = Enumerable.Range(1, 4).Select(i => new SchoolClass($"五({i})班", 5, schoolYear, teachers[i - 1].Id)).ToList();
        db.Classes.AddRange(classes);
        for (var i = 4; i < teachers.Count; i++)
            teachers[i].SetClassesTaught([classes[i % 4].Id, classes[(i + 1) % 4].Id]);

        AttentionFlags[] flags = [AttentionFlags.SingleParent, AttentionFlags.LeftBehind, AttentionFlags.AcademicDifficulty, AttentionFlags.Psychological, AttentionFlags.FinancialHardship];
        for (var n = 1; n <= 120; n++)
        {
            var name = Surnames[n % Surnames.Length] + GivenNames[n % GivenNames.Length];
            var student = new Student(name, $"S{schoolYear}{n:000}", classes[(n - 1) % 4].Id, n % 2 == 0 ? Gender.Female : Gender.Male,
                new DateOnly(schoolYear - 11, 1 + (n % 12), 1 + (n % 28)), [new Guardian($"{name[0]}家长", n % 3 == 0 ? "母亲" : "父亲", $"1380000{n:0000}")],
                n % 10 == 0 ? flags[n / 10 % flags.Length] : AttentionFlags.None);
            db.Students.Add(student);
            if (n <= 4)
                identity.CreateUser(new NewUser($"demo-s{n:000}", Password, name, [Roles.Student], DistrictCode, SchoolCode, StudentId: student.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Chinese school semesters: autumn from 1 September to mid-January, spring from mid-February to mid-July.</summary>
    private static DateRange CurrentSemester(DateOnly today) => today.Month switch
    {
        >= 8 => new DateRange(new DateOnly(today.Year, 9, 1), new DateOnly(today.Year + 1, 1, 31)),
        1 => new DateRange(new DateOnly(today.Year - 1, 9, 1), new DateOnly(today.Year, 1, 31)),
        _ => new DateRange(new DateOnly(today.Year, 2, 1), new DateOnly(today.Year, 7, 31)),
    };

    private static string SemesterLabel(DateOnly today) => today.Month switch
    {
        >= 8 => $"{today.Year}-{today.Year + 1} 第一学期",
        1 => $"{today.Year - 1}-{today.Year} 第一学期",
        _ => $"{today.Year - 1}-{today.Year} 第二学期",
    };
}
