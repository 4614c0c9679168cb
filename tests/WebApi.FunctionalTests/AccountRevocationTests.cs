using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>R16: a deactivated account's tokens stop working within a minute, not at their expiry.</summary>
public abstract class AccountRevocationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private HttpClient WithToken(string token)
    {
        var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_teachers_token_answers_401_once_the_school_admin_deactivates_the_teacher_R16()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var login = TestApi.UniqueCode("t");
        var teacherId = await admin.CreateTeacherAsync(school, login);
        using var teacher = WithToken(await Api.TokenAsync(login, TestApi.Password));
        (await teacher.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teacher.GetAsync(school.Route("students"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync(school.Route($"teachers/{teacherId}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await teacher.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await teacher.GetAsync(school.Route("students"), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_students_token_answers_401_once_the_student_is_deactivated_R16()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school));
        var login = TestApi.UniqueCode("stu");
        var studentId = (await (await admin.PostAsJsonAsync(school.Route("students"), new
        {
            name = "王小红", studentNo = login, classId, gender = "female", account = new { username = login, password = TestApi.Password },
        }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var student = WithToken(await Api.TokenAsync(login, TestApi.Password));
        (await student.GetAsync(school.Route($"students/{studentId}/mentors"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync(school.Route($"students/{studentId}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await student.GetAsync(school.Route($"students/{studentId}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await student.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_answers_401_when_its_account_was_deactivated_elsewhere_R16()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var login = TestApi.UniqueCode("t");
        await admin.CreateTeacherAsync(school, login);
        var token = await Api.TokenAsync(login, TestApi.Password);

        // Another replica, or an operator, closes the login: nothing in this process hears of it.
        await using (var scope = Api.Factory.Services.CreateAsyncScope())
        {
            var normalized = login.ToUpperInvariant();
            (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Users.Where(u => u.NormalizedUsername == normalized)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.IsActive, false), Ct)).ShouldBe(1);
        }

        using var teacher = WithToken(token);
        await (await teacher.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_well_signed_token_of_an_unknown_account_answers_401()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("name", "ghost"), new Claim("role", "platform-admin")]),
            Issuer = "mentorcloud",
            Audience = "mentorcloud-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(MentorCloudFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });

        using var ghost = WithToken(token);

        await (await ghost.GetAsync("/api/v1/districts", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

public sealed class AccountRevocationTestsOnSqlite(SqliteApp app) : AccountRevocationTests<SqliteApp>(app);

public sealed class AccountRevocationTestsOnPostgres(PostgresApp app) : AccountRevocationTests<PostgresApp>(app);
