using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.Infrastructure.Encryption;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The guidance archive (R7, R8): versions and ETags, consent, encryption at rest, audit, export and erasure.</summary>
public abstract class ArchiveTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    public static readonly string[] AllScopes = ["archive", "sensitiveSections", "goals"];

    /// <summary>A school with a semester in force, a class whose head teacher and two teachers exist, and a student paired with the first mentor (published).</summary>
    protected sealed record Pupil(SchoolSetup School, HttpClient Admin, Guid StudentId, Guid ClassId, Guid GroupId, string Head, string Mentor, Guid MentorId,
        string OtherMentor, Guid OtherMentorId, string StudentLogin) : IDisposable
    {
        public string Route(string path) => School.Route($"students/{StudentId}/{path}");

        public void Dispose() => Admin.Dispose();
    }

    protected async Task<Pupil> NewPupilAsync(bool consent = true)
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var semester = await (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "本学期", startsOn = today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = today.AddDays(100).ToString("yyyy-MM-dd") }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var (head, mentor, other) = (TestApi.UniqueCode("head"), TestApi.UniqueCode("m"), TestApi.UniqueCode("m"));
        var headId = await admin.CreateTeacherAsync(school, head);
        var mentorId = await admin.CreateTeacherAsync(school, mentor);
        var otherId = await admin.CreateTeacherAsync(school, other);
        var classId = await admin.CreateClassAsync(school, headId);
        var login = TestApi.UniqueCode("stu");
        var student = (await (await admin.PostAsJsonAsync(school.Route("students"), new
        {
            name = "李小雨", studentNo = login, classId, gender = "female", birthDate = "2015-05-01",
            guardians = new[] { new { name = "李母", relation = "母亲", phone = "13900000000" } },
            account = new { username = login, password = TestApi.Password },
        }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var group = (await (await admin.PostAsJsonAsync(school.Route("mentor-groups"),
                new { classId, semesterId = semester.GetProperty("id").GetGuid(), mentorIds = new[] { mentorId, otherId } }, Ct))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentorId } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsync(school.Route($"mentor-groups/{group}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        var pupil = new Pupil(school, admin, student, classId, group, head, mentor, mentorId, other, otherId, login);
        if (consent) await GrantConsentAsync(pupil, AllScopes);
        return pupil;
    }

    protected async Task GrantConsentAsync(Pupil pupil, string[] scopes) =>
        await (await pupil.Admin.PutAsJsonAsync(pupil.Route("guardian-consent"), new
        {
            guardianName = "李母", relation = "母亲", grantedOn = "2026-09-01", method = "paper", scopes,
        }, Ct)).ShouldBeJson(HttpStatusCode.OK);

    protected static Task<HttpResponseMessage> WriteAsync(HttpClient client, Pupil pupil, string section, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, pupil.Route($"archive/{section}")) { Content = JsonContent.Create(body, options: TestApi.Json) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Ct);
    }

    protected static async Task<(JsonElement Archive, string ETag)> ReadAsync(HttpClient client, Pupil pupil)
    {
        var response = await client.GetAsync(pupil.Route("archive"), Ct);
        var archive = await response.ShouldBeJson(HttpStatusCode.OK);
        return (archive, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Sections_are_written_with_the_etag_read_and_read_back_with_author_and_version()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);

        var (empty, etag) = await ReadAsync(mentor, pupil);
        etag.ShouldBe("\"0\"");
        empty.GetProperty("sections").GetProperty("family").ValueKind.ShouldBe(JsonValueKind.Null);

        var written = await WriteAsync(mentor, pupil, "family", new
        {
            structure = "singleParent", guardians = new[] { new { name = "李母", relation = "母亲", occupation = "护士", phone = "13900000000", livesWithStudent = true } },
            analysis = "母亲工作忙，孩子放学后常独自在家。", notes = "每月家访一次",
        }, etag);
        var version = await written.ShouldBeJson(HttpStatusCode.OK);
        written.Headers.ETag!.Tag.ShouldBe("\"1\"");
        version.GetProperty("section").GetString().ShouldBe("family");
        (await WriteAsync(mentor, pupil, "academics", new { results = new[] { new { subject = "数学", term = "2026秋", score = 92.5, level = (string?)null, comment = "进步明显" } } }, "\"1\""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var (archive, now) = await ReadAsync(mentor, pupil);
        now.ShouldBe("\"2\"");
        archive.GetProperty("version").GetInt32().ShouldBe(2);
        var family = archive.GetProperty("sections").GetProperty("family");
        family.GetProperty("authorName").GetString().ShouldBe(pupil.Mentor);
        family.GetProperty("version").GetInt32().ShouldBe(1);
        family.GetProperty("content").GetProperty("structure").GetString().ShouldBe("singleParent");
        family.GetProperty("content").GetProperty("analysis").GetString().ShouldBe("母亲工作忙，孩子放学后常独自在家。");
        archive.GetProperty("sections").GetProperty("academics").GetProperty("content").GetProperty("results")[0].GetProperty("score").GetDecimal().ShouldBe(92.5m);

        using var head = await Api.As(pupil.Head);
        (await ReadAsync(head, pupil)).Archive.GetProperty("sections").GetProperty("family").GetProperty("content").GetProperty("notes").GetString().ShouldBe("每月家访一次");
    }

    [Fact]
    public async Task Two_writers_with_the_same_etag_one_wins_the_other_gets_412_and_nothing_is_lost()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);
        using var head = await Api.As(pupil.Head);
        var (_, etag) = await ReadAsync(mentor, pupil);

        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(
                WriteAsync(mentor, pupil, "morals", new { assessment = $"导师第{round}轮" }, etag),
                WriteAsync(head, pupil, "morals", new { assessment = $"班主任第{round}轮" }, etag));
            answers.Select(a => a.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], ignoreOrder: true);
            var loser = answers.Single(a => a.StatusCode == HttpStatusCode.PreconditionFailed);
            await loser.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
            var winner = await answers.Single(a => a.IsSuccessStatusCode).ShouldBeJson(HttpStatusCode.OK);

            var (archive, now) = await ReadAsync(mentor, pupil);
            archive.GetProperty("sections").GetProperty("morals").GetProperty("content").GetProperty("assessment").GetString()
                .ShouldBe(winner.GetProperty("content").GetProperty("assessment").GetString());
            etag = now;
        }

        var history = await (await mentor.GetAsync(pupil.Route("archive/history?section=morals"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        history.GetProperty("totalCount").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_write_without_if_match_answers_428_a_stale_or_weak_one_412_and_nothing_changes()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);
        (await WriteAsync(mentor, pupil, "habits", new { strengths = "守时" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await WriteAsync(mentor, pupil, "habits", new { strengths = "无" }, null)).ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        var star = await (await WriteAsync(mentor, pupil, "habits", new { strengths = "无" }, "*")).ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        star.GetProperty("detail").GetString().ShouldBe("修改该记录须携带读取时得到的 ETag（If-Match 请求头；* 不指明版本，不被接受）。");
        foreach (var tag in new[] { "\"0\"", "W/\"1\"", "1", "\"abc\"", "\"0\", \"1\"" })
            await (await WriteAsync(mentor, pupil, "habits", new { strengths = "无" }, tag)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var (archive, etag) = await ReadAsync(mentor, pupil);
        etag.ShouldBe("\"1\"");
        archive.GetProperty("sections").GetProperty("habits").GetProperty("content").GetProperty("strengths").GetString().ShouldBe("守时");
    }

    [Fact]
    public async Task Invalid_contents_answer_400_with_the_field_and_store_nothing()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);

        var tooLong = await (await WriteAsync(mentor, pupil, "health", new { notes = new string('病', 4001) }, "\"0\"")).ShouldBeProblem(HttpStatusCode.BadRequest);
        tooLong.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(n => n.Contains("notes", StringComparison.OrdinalIgnoreCase));
        await (await WriteAsync(mentor, pupil, "family", new { structure = "polygamous" }, "\"0\"")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await WriteAsync(mentor, pupil, "academics", new { results = new[] { new { subject = "数学", term = "2026秋" } } }, "\"0\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        (await ReadAsync(mentor, pupil)).ETag.ShouldBe("\"0\"");
    }

    [Fact]
    public async Task A_field_a_section_does_not_have_is_refused_by_name_not_dropped_and_nothing_is_stored()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor, language: "en");
        using var chinese = await Api.As(pupil.Mentor);

        var misspelt = await (await WriteAsync(mentor, pupil, "family", new { structur = "twoParent", notes = "父母在外务工" }, "\"0\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        misspelt.ErrorsFor("structur").ShouldBe(["There is no such field; the fields are: structure, guardians, analysis, notes."]);
        var nested = await (await WriteAsync(mentor, pupil, "academics", new { results = new[] { new { subject = "数学", term = "2026秋", scor = 92 } } }, "\"0\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        nested.ErrorsFor("results[0].scor").ShouldBe(["There is no such field; the fields are: subject, term, score, level, comment."]);
        var inChinese = await (await WriteAsync(chinese, pupil, "family", new { notes = "x", guardians = new[] { new { name = "王芳", relation = "母亲", phon = "13900000000" } } }, "\"0\""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        inChinese.ErrorsFor("guardians[0].phon").ShouldBe(["没有这个字段,可用的字段:name, relation, occupation, phone, livesWithStudent。"]);

        (await ReadAsync(mentor, pupil)).ETag.ShouldBe("\"0\"");
        // Other bodies ignore what they do not take, so a front end may send back what it read.
        (await mentor.PostAsJsonAsync(pupil.Route("goals"), new { kind = "stage", title = "数学提高", id = Guid.NewGuid(), status = "open" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Writes_need_a_guardians_consent_in_force_and_stop_when_it_is_withdrawn_R8()
    {
        using var pupil = await NewPupilAsync(consent: false);
        using var head = await Api.As(pupil.Head);

        var refused = await (await WriteAsync(head, pupil, "interests", new { hobbies = new[] { "围棋" } }, "\"0\"")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("rule").GetString().ShouldBe("R8");
        refused.GetProperty("violation").GetProperty("missingScope").GetString().ShouldBe("archive");

        await GrantConsentAsync(pupil, ["archive"]);
        (await WriteAsync(head, pupil, "interests", new { hobbies = new[] { "围棋" } }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The consent does not cover the sensitive sections, nor goals.
        (await (await WriteAsync(head, pupil, "psychology", new { state = "平稳" }, "\"1\"")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("rule").GetString().ShouldBe("R8");
        await (await head.PostAsJsonAsync(pupil.Route("goals"), new { kind = "stage", title = "提高计算准确率" }, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        await GrantConsentAsync(pupil, AllScopes);
        (await WriteAsync(head, pupil, "psychology", new { state = "平稳" }, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var withdrawn = await (await head.DeleteAsync(pupil.Route("guardian-consent"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        withdrawn.GetProperty("inForce").GetBoolean().ShouldBeFalse();
        withdrawn.GetProperty("history").GetArrayLength().ShouldBe(2);
        withdrawn.GetProperty("history")[0].GetProperty("withdrawnAt").ValueKind.ShouldBe(JsonValueKind.String);
        await (await WriteAsync(head, pupil, "interests", new { hobbies = new[] { "象棋" } }, "\"2\"")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await head.DeleteAsync(pupil.Route("guardian-consent"), Ct)).ShouldBeProblem(HttpStatusCode.Conflict);

        // What exists stays readable for the people of R8.
        var (archive, etag) = await ReadAsync(head, pupil);
        etag.ShouldBe("\"2\"");
        archive.GetProperty("sections").GetProperty("interests").GetProperty("content").GetProperty("hobbies")[0].GetString().ShouldBe("围棋");
    }

    [Fact]
    public async Task Encrypted_sections_never_reach_the_database_as_plaintext_and_read_back_intact()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);
        var marker = $"MARK{Guid.NewGuid():N}";
        (await WriteAsync(mentor, pupil, "family", new { analysis = $"family-{marker}" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(mentor, pupil, "health", new { conditions = $"health-{marker}" }, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(mentor, pupil, "psychology", new { concerns = $"psychology-{marker}" }, "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(mentor, pupil, "morals", new { assessment = $"morals-{marker}" }, "\"3\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The scan finds what is stored in clear (morals), so its silence about the others means something.
        (await RawDatabase.ContainsAsync(App.Factory, $"morals-{marker}", Ct)).ShouldBeTrue();
        foreach (var section in new[] { "family", "health", "psychology" })
            (await RawDatabase.ContainsAsync(App.Factory, $"{section}-{marker}", Ct)).ShouldBeFalse($"{section} is stored in plaintext");

        var sections = (await ReadAsync(mentor, pupil)).Archive.GetProperty("sections");
        sections.GetProperty("family").GetProperty("content").GetProperty("analysis").GetString().ShouldBe($"family-{marker}");
        sections.GetProperty("health").GetProperty("content").GetProperty("conditions").GetString().ShouldBe($"health-{marker}");
        sections.GetProperty("psychology").GetProperty("content").GetProperty("concerns").GetString().ShouldBe($"psychology-{marker}");
        var history = await (await mentor.GetAsync(pupil.Route("archive/history?section=psychology"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        history.GetProperty("items")[0].GetProperty("content").GetProperty("concerns").GetString().ShouldBe($"psychology-{marker}");
    }

    [Fact]
    public async Task A_rotated_key_ring_opens_older_texts_reseals_them_on_the_next_write_and_a_missing_key_fails_closed()
    {
        using var pupil = await NewPupilAsync();
        using (var mentor = await Api.As(pupil.Mentor))
            (await WriteAsync(mentor, pupil, "family", new { analysis = "单亲，母亲在医院值夜班" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RawDatabase.StoredSectionAsync(App.Factory, pupil.StudentId, "Family", Ct))!.ShouldStartWith("mc1.development.");

        var next = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using (var rotated = WithKeyRing(("development", DevelopmentArchiveKey.Base64), ("k2026", next)))
        {
            using var mentor = await new TestApi(rotated).As(pupil.Mentor);
            var (archive, etag) = await ReadAsync(mentor, pupil);
            archive.GetProperty("sections").GetProperty("family").GetProperty("content").GetProperty("analysis").GetString().ShouldBe("单亲，母亲在医院值夜班");
            // Reading changes nothing; the next write of the archive re-seals what an older key sealed.
            (await RawDatabase.StoredSectionAsync(App.Factory, pupil.StudentId, "Family", Ct))!.ShouldStartWith("mc1.development.");
            (await WriteAsync(mentor, pupil, "habits", new { strengths = "按时完成作业" }, etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await RawDatabase.StoredSectionAsync(App.Factory, pupil.StudentId, "Family", Ct))!.ShouldStartWith("mc1.k2026.");

        await using (var retired = WithKeyRing(("k2026", next)))
        {
            using var mentor = await new TestApi(retired).As(pupil.Mentor);
            (await ReadAsync(mentor, pupil)).Archive.GetProperty("sections").GetProperty("family").GetProperty("content").GetProperty("analysis").GetString()
                .ShouldBe("单亲，母亲在医院值夜班");
        }

        await using var wrong = WithKeyRing(("other", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        using var reader = await new TestApi(wrong).As(pupil.Mentor, language: "en");
        var failed = await (await reader.GetAsync(pupil.Route("archive"), Ct)).ShouldBeProblem(HttpStatusCode.InternalServerError);
        failed.GetProperty("detail").GetString()!.ShouldContain("key", Case.Insensitive);
        failed.GetRawText().ShouldNotContain("单亲");
    }

    /// <summary>The same app and database with another key ring; the last key is active.</summary>
    private MentorCloudFactory WithKeyRing(params (string Id, string Key)[] keys)
    {
        var settings = keys.ToDictionary(k => $"Encryption:KeyRing:{k.Id}", k => (string?)k.Key);
        settings["Encryption:ActiveKeyId"] = keys[^1].Id;
        return new MentorCloudFactory(App.Factory.Database, App.Factory.ConnectionString, settings);
    }

    [Fact]
    public async Task A_former_mentor_reads_only_the_versions_they_wrote_and_writes_nothing()
    {
        using var pupil = await NewPupilAsync();
        using (var mentor = await Api.As(pupil.Mentor))
            (await WriteAsync(mentor, pupil, "morals", new { assessment = "导师写的" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(pupil.Admin, pupil, "habits", new { strengths = "管理员写的" }, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(pupil.Admin, pupil, "morals", new { assessment = "管理员改的" }, "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The student moves to the other mentor: the first pair ends.
        (await pupil.Admin.PutAsJsonAsync(pupil.School.Route($"mentor-groups/{pupil.GroupId}/assignments/{pupil.StudentId}"),
            new { mentorIds = new[] { pupil.OtherMentorId } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var former = await Api.As(pupil.Mentor);
        var sections = (await ReadAsync(former, pupil)).Archive.GetProperty("sections");
        sections.GetProperty("morals").GetProperty("content").GetProperty("assessment").GetString().ShouldBe("导师写的");
        sections.GetProperty("habits").ValueKind.ShouldBe(JsonValueKind.Null);
        var history = await (await former.GetAsync(pupil.Route("archive/history"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        history.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1]);
        await (await WriteAsync(former, pupil, "morals", new { assessment = "再写" }, "\"3\"")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await former.GetAsync(pupil.Route("goals"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        using var successor = await Api.As(pupil.OtherMentor);
        (await ReadAsync(successor, pupil)).Archive.GetProperty("sections").GetProperty("habits").GetProperty("content").GetProperty("strengths").GetString().ShouldBe("管理员写的");
    }

    [Fact]
    public async Task Goals_are_set_by_mentors_or_the_student_and_carry_status_and_progress_notes()
    {
        using var pupil = await NewPupilAsync();
        using var student = await Api.As(pupil.StudentLogin);
        using var mentor = await Api.As(pupil.Mentor);

        var created = await student.PostAsJsonAsync(pupil.Route("goals"), new { kind = "longTerm", title = "考上市重点高中", targetDate = "2029-06-30" }, Ct);
        var goal = await created.ShouldBeJson(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldEndWith($"/students/{pupil.StudentId}/goals/{goal.GetProperty("id").GetGuid()}");
        goal.GetProperty("status").GetString().ShouldBe("open");
        goal.GetProperty("setByName").GetString().ShouldBe(pupil.StudentLogin);
        var id = goal.GetProperty("id").GetGuid();

        var noted = await (await mentor.PatchAsJsonAsync(pupil.Route($"goals/{id}"), new { progressNote = "期中数学进步 15 分" }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        noted.GetProperty("progressNotes")[0].GetProperty("authorName").GetString().ShouldBe(pupil.Mentor);
        var achieved = await (await student.PatchAsJsonAsync(pupil.Route($"goals/{id}"), new { status = "achieved" }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        achieved.GetProperty("status").GetString().ShouldBe("achieved");
        await (await student.PatchAsJsonAsync(pupil.Route($"goals/{id}"), new { }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await student.PatchAsJsonAsync(pupil.Route($"goals/{Guid.CreateVersion7()}"), new { status = "dropped" }, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        var goals = await (await student.GetAsync(pupil.Route("goals"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        goals.EnumerateArray().Single().GetProperty("progressNotes").GetArrayLength().ShouldBe(1);
        // The student sees goals, never the archive's sections.
        await (await student.GetAsync(pupil.Route("archive"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_archive_read_and_write_leaves_exactly_one_audit_entry_with_role_section_address_and_agent()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);
        mentor.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MentorApp", "2.1"));
        mentor.DefaultRequestHeaders.Add(MentorCloudFactory.ClientAddressHeader, "203.0.113.7");
        var before = await pupil.Admin.AuditActionsAsync(pupil.School, pupil.StudentId);

        (await WriteAsync(mentor, pupil, "psychology", new { state = "焦虑" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ReadAsync(mentor, pupil);
        (await mentor.GetAsync(pupil.Route("archive/history?section=psychology"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mentor.GetAsync(pupil.Route("goals"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mentor.PostAsJsonAsync(pupil.Route("goals"), new { kind = "stage", title = "每天跑步" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await pupil.Admin.AuditActionsAsync(pupil.School, pupil.StudentId);
        after.Skip(before.Count).ShouldBe(["archive.section.written", "archive.read", "archive.history.read", "archive.goals.read", "archive.goal.changed"]);

        var written = await (await pupil.Admin.GetAsync(pupil.School.Route($"audit?studentId={pupil.StudentId}&action=archive.section.written"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var entry = written.GetProperty("items").EnumerateArray().Single();
        entry.GetProperty("section").GetString().ShouldBe("psychology");
        entry.GetProperty("actorName").GetString().ShouldBe(pupil.Mentor);
        entry.GetProperty("actorRole").GetString().ShouldBe("teacher");
        entry.GetProperty("clientAddress").GetString().ShouldBe("203.0.113.7");
        entry.GetProperty("userAgent").GetString().ShouldBe("MentorApp/2.1");
        entry.GetProperty("details").GetString()!.ShouldNotContain("焦虑");
        var bySection = await (await pupil.Admin.GetAsync(pupil.School.Route($"audit?studentId={pupil.StudentId}&section=psychology"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        bySection.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["archive.history.read", "archive.section.written"]);
    }

    [Fact]
    public async Task An_outsiders_read_answers_404_and_is_audited_as_a_refused_attempt()
    {
        using var pupil = await NewPupilAsync();
        var outsider = TestApi.UniqueCode("t");
        await pupil.Admin.CreateTeacherAsync(pupil.School, outsider);
        using var client = await Api.As(outsider);

        await (await client.GetAsync(pupil.Route("archive"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync(pupil.Route("archive/history"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        var refused = await (await pupil.Admin.GetAsync(pupil.School.Route($"audit?studentId={pupil.StudentId}&action=archive.read.refused"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        refused.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actorName").GetString()).ShouldBe([outsider, outsider]);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_api()
    {
        using var pupil = await NewPupilAsync();
        await ReadAsync(pupil.Admin, pupil);
        var log = await (await pupil.Admin.GetAsync(pupil.School.Route("audit"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var id = log.GetProperty("items")[0].GetProperty("id").GetGuid();

        foreach (var method in new[] { "PUT", "PATCH", "DELETE", "POST" })
        {
            foreach (var path in new[] { "audit", $"audit/{id}" })
            {
                var answer = await pupil.Admin.SendAsync(TestRequests.Empty(method, pupil.School.Route(path)), Ct);
                answer.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
            }
        }

        var again = await (await pupil.Admin.GetAsync(pupil.School.Route("audit"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        again.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(id);
        again.GetProperty("totalCount").GetInt32().ShouldBe(log.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_export_holds_every_section_and_version_and_an_erasure_leaves_no_content_but_the_audit_trail()
    {
        using var pupil = await NewPupilAsync();
        using var mentor = await Api.As(pupil.Mentor);
        var marker = $"MARK{Guid.NewGuid():N}";
        var sections = new Dictionary<string, object>
        {
            ["family"] = new { analysis = $"f-{marker}" }, ["health"] = new { conditions = $"h-{marker}" }, ["personality"] = new { strengths = $"p-{marker}" },
            ["interests"] = new { talents = $"i-{marker}" }, ["morals"] = new { assessment = $"m-{marker}" }, ["habits"] = new { concerns = $"b-{marker}" },
            ["psychology"] = new { support = $"y-{marker}" }, ["academics"] = new { notes = $"a-{marker}" }, ["difficulties"] = new { study = $"d-{marker}" },
        };
        var version = 0;
        foreach (var (section, body) in sections)
            (await WriteAsync(mentor, pupil, section, body, $"\"{version++}\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WriteAsync(mentor, pupil, "morals", new { assessment = $"m2-{marker}" }, $"\"{version++}\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mentor.PostAsJsonAsync(pupil.Route("goals"), new { kind = "stage", title = $"g-{marker}" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var export = await (await pupil.Admin.GetAsync(pupil.Route("archive/export"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        export.GetProperty("versions").GetArrayLength().ShouldBe(10);
        export.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("section").GetString()).Distinct().Order()
            .ShouldBe(sections.Keys.Order());
        export.GetRawText().ShouldContain($"m-{marker}");
        export.GetRawText().ShouldContain($"m2-{marker}");
        export.GetRawText().ShouldContain($"y-{marker}");
        export.GetProperty("goals").GetArrayLength().ShouldBe(1);
        export.GetProperty("consents").GetArrayLength().ShouldBe(1);
        (await RawDatabase.ContainsAsync(App.Factory, $"m-{marker}", Ct)).ShouldBeTrue();

        // An enrolled student whose guardian's consent is in force keeps their archive.
        await (await pupil.Admin.PostAsJsonAsync(pupil.Route("archive/erase"), new { reason = "家长要求" }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await pupil.Admin.DeleteAsync(pupil.Route("guardian-consent"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var erased = await (await pupil.Admin.PostAsJsonAsync(pupil.Route("archive/erase"), new { reason = "家长撤回同意并要求删除" }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        erased.GetProperty("erasedAt").ValueKind.ShouldBe(JsonValueKind.String);

        foreach (var prefix in new[] { "f", "h", "p", "i", "m", "m2", "b", "y", "a", "d", "g" })
            (await RawDatabase.ContainsAsync(App.Factory, $"{prefix}-{marker}", Ct)).ShouldBeFalse($"'{prefix}' content is still in the database");
        var (archive, _) = await ReadAsync(pupil.Admin, pupil);
        archive.GetProperty("sections").EnumerateObject().ShouldAllBe(s => s.Value.ValueKind == JsonValueKind.Null);
        (await (await pupil.Admin.GetAsync(pupil.Route("archive/history"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        var trail = await pupil.Admin.AuditActionsAsync(pupil.School, pupil.StudentId);
        trail.Count(a => a == "archive.section.written").ShouldBe(10);
        trail.ShouldContain("archive.erased");
        trail.ShouldContain("archive.exported");
    }
}

public sealed class ArchiveTestsOnSqlite(SqliteApp app) : ArchiveTests<SqliteApp>(app);

public sealed class ArchiveTestsOnPostgres(PostgresApp app) : ArchiveTests<PostgresApp>(app);
