using System.Net;
using System.Net.Http.Json;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A school with a semester in force (20 days in, 100 to go), a class with its head teacher, two mentors and a
/// teacher who mentors nobody, and students with logins paired (published) with the mentors as asked.
/// </summary>
public sealed record MenteeSchool(SchoolSetup School, HttpClient Admin, Guid SemesterId, Guid ClassId, Guid GroupId, Login Head, Login Mentor, Login OtherMentor,
    Login Unrelated, IReadOnlyList<Login> Students) : IDisposable
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public string Route(string path) => School.Route(path);

    /// <param name="mentorOf">For each student, which mentors: 1 the mentor, 2 the other mentor, 3 both.</param>
    public static async Task<MenteeSchool> CreateAsync(TestApi api, int[] mentorOf, CancellationToken ct)
    {
        var school = await api.CreateSchoolAsync();
        var admin = await api.As(school.SchoolAdmin);
        var semester = await (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "本学期", startsOn = Today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = Today.AddDays(100).ToString("yyyy-MM-dd") }, ct)).ShouldBeJson(HttpStatusCode.Created);
        var semesterId = semester.GetProperty("id").GetGuid();
        async Task<Login> Teacher(string prefix)
        {
            var login = TestApi.UniqueCode(prefix);
            return new Login(await admin.CreateTeacherAsync(school, login), login);
        }
        var head = await Teacher("head");
        var mentor = await Teacher("m");
        var other = await Teacher("m");
        var unrelated = await Teacher("t");
        var classId = await admin.CreateClassAsync(school, head.Id);
        var students = new List<Login>();
        foreach (var pairing in mentorOf)
        {
            var login = TestApi.UniqueCode("stu");
            var id = (await (await admin.PostAsJsonAsync(school.Route("students"), new
            {
                // Only a priority-care student has several mentors (R5).
                name = $"学生{students.Count + 1}", studentNo = login, classId, gender = "female", attentionFlags = pairing == 3 ? new[] { "leftBehind" } : [],
                guardians = new[] { new { name = "家长", relation = "母亲", phone = "13900000000" } },
                account = new { username = login, password = TestApi.Password },
            }, ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            students.Add(new Login(id, login));
        }
        var group = (await (await admin.PostAsJsonAsync(school.Route("mentor-groups"),
            new { classId, semesterId, mentorIds = new[] { mentor.Id, other.Id } }, ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        for (var i = 0; i < students.Count; i++)
        {
            Guid[] mentors = mentorOf[i] switch { 1 => [mentor.Id], 2 => [other.Id], _ => [mentor.Id, other.Id] };
            (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{students[i].Id}"), new { mentorIds = mentors }, ct))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await (await admin.PostAsync(school.Route($"mentor-groups/{group}/publish"), null, ct)).ShouldBeJson(HttpStatusCode.OK);
        return new MenteeSchool(school, admin, semesterId, classId, group, head, mentor, other, unrelated, students);
    }

    public void Dispose() => Admin.Dispose();
}

/// <summary>A person of the school: their id (teacher or student) and username.</summary>
public sealed record Login(Guid Id, string Username);
