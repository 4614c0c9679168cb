// The raw baseline of tests/Load/request-path.sh: for each measured endpoint, the SQL statements the service runs for it
// (taken from its EF Core command log), executed with Npgsql on one pooled connection, and the answer written as the
// same JSON with Utf8JsonWriter. No authentication, tenant resolution, pipeline, validation or ORM: what is left is the
// floor the full endpoint is compared with. The subjects (school, student, class, group, mentor, semester) come from
// configuration (Subjects:*), looked up once at start-up as the service caches its catalog look-ups.
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var config = app.Configuration;
// The service writes Chinese text unescaped, so does the baseline.
var Relaxed = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
await using var data = NpgsqlDataSource.Create(config.GetConnectionString("Default")!);

var subjects = config.GetSection("Subjects");
Guid Subject(string name) => Guid.Parse(subjects[name]!);
var student = Subject("Student");
var archiveStudent = subjects["ArchiveStudent"] is { Length: > 0 } a ? Guid.Parse(a) : student;
var classId = Subject("Class");
var group = Subject("Group");
var mentor = Subject("Mentor");
var semester = Subject("Semester");
Guid tenant, district, admin, mentorUser;
await using (var connection = await data.OpenConnectionAsync())
{
    await using var school = Command(connection, """SELECT "Id", "DistrictId" FROM "Schools" WHERE "Code" = @code""", ("code", subjects["School"]!));
    await using (var r = await school.ExecuteReaderAsync()) { await r.ReadAsync(); tenant = r.GetGuid(0); district = r.GetGuid(1); }
    await using var user = Command(connection, """SELECT "Id" FROM "Users" WHERE "Username" = @name""", ("name", subjects["Admin"]!));
    admin = (Guid)(await user.ExecuteScalarAsync())!;
    await using var teacherUser = Command(connection, """SELECT "Id" FROM "Users" WHERE "TeacherId" = @id""", ("id", mentor));
    mentorUser = (Guid)(await teacherUser.ExecuteScalarAsync())!;
}

app.MapGet("/constant", () => Results.Json(new { message = "Hello, World!" }));

app.MapGet("/raw/students", (HttpContext http) => Answer(http, async (connection, json) =>
{
    await using var count = Command(connection, """SELECT count(*)::int FROM "Students" AS s WHERE s."TenantId" = @t AND s."IsActive" """, ("t", tenant));
    var total = (int)(await count.ExecuteScalarAsync())!;
    await using var page = Command(connection, """
        SELECT s."Id", s."AttentionFlags", s."BirthDate", s."ClassId", s."Gender", s."IsActive", s."Name", s."StudentNo", s."TenantId", s."Guardians"
        FROM "Students" AS s WHERE s."TenantId" = @t AND s."IsActive" ORDER BY s."StudentNo" LIMIT @p1 OFFSET @p
        """, ("t", tenant), ("p1", 20), ("p", 0));
    await using var r = await page.ExecuteReaderAsync();
    json.WriteStartObject();
    json.WriteStartArray("items");
    while (await r.ReadAsync()) WriteStudent(json, r);
    json.WriteEndArray();
    json.WriteNumber("page", 1);
    json.WriteNumber("pageSize", 20);
    json.WriteNumber("totalCount", total);
    json.WriteEndObject();
}));

app.MapGet("/raw/student", (HttpContext http) => Answer(http, async (connection, json) =>
{
    await using var one = Command(connection, """
        SELECT s."Id", s."AttentionFlags", s."BirthDate", s."ClassId", s."Gender", s."IsActive", s."Name", s."StudentNo", s."TenantId", s."Guardians"
        FROM "Students" AS s WHERE s."TenantId" = @t AND s."Id" = @id LIMIT 2
        """, ("t", tenant), ("id", student));
    await using var r = await one.ExecuteReaderAsync();
    await r.ReadAsync();
    WriteStudent(json, r);
}));

app.MapGet("/raw/me", (HttpContext http) => Answer(http, async (connection, json) =>
{
    await using var me = Command(connection, """
        SELECT u."Id", u."Username", u."DisplayName", u."Roles", u."DistrictCode", u."SchoolCode", u."TeacherId", u."StudentId"
        FROM "Users" AS u WHERE u."Id" = @userId LIMIT 2
        """, ("userId", admin));
    await using var r = await me.ExecuteReaderAsync();
    await r.ReadAsync();
    json.WriteStartObject();
    json.WriteString("userId", r.GetGuid(0));
    json.WriteString("username", r.GetString(1));
    json.WriteString("displayName", r.GetString(2));
    json.WriteStartArray("roles");
    foreach (var role in r.GetFieldValue<string[]>(3)) json.WriteStringValue(role);
    json.WriteEndArray();
    WriteNullableString(json, "districtCode", r, 4);
    WriteNullableString(json, "schoolCode", r, 5);
    WriteNullableGuid(json, "teacherId", r, 6);
    WriteNullableGuid(json, "studentId", r, 7);
    json.WriteEndObject();
}));

app.MapGet("/raw/mentor-group", (HttpContext http) => Answer(http, async (connection, json) =>
{
    // The group with its assignments, the class's head teacher, the policy and the district's ceilings, the mentors with
    // their loads, and the class's students: the service's six statements, with the columns it reads.
    var assignments = new List<(Guid Student, Guid Mentor, string Source, int? Rank)>();
    string phase = "", published = "";
    Guid semesterId = default, headTeacher;
    Guid[] mentorIds = [];
    await using (var g = Command(connection, """
        SELECT m1."Id", m1."ClassId", m1."CreatedAt", m1."MentorIds", m1."Phase", m1."PublishedAt", m1."SelectionClosesOn", m1."SemesterId", m1."TenantId", m1."Version", m1.c, m1.c0, m2."Id", m2."AssignedAt", m2."ChoiceRank", m2."EndReason", m2."EndedAt", m2."GroupId", m2."MentorId", m2."SemesterId", m2."Source", m2."StudentId", m2."TenantId"
        FROM (SELECT m."Id", m."ClassId", m."CreatedAt", m."MentorIds", m."Phase", m."PublishedAt", m."SelectionClosesOn", m."SemesterId", m."TenantId", m."Version", m."Preferences" AS c, m."Welcomes" AS c0
              FROM "MentorGroups" AS m WHERE m."TenantId" = @t AND m."Id" = @groupId LIMIT 2) AS m1
        LEFT JOIN (SELECT m0."Id", m0."AssignedAt", m0."ChoiceRank", m0."EndReason", m0."EndedAt", m0."GroupId", m0."MentorId", m0."SemesterId", m0."Source", m0."StudentId", m0."TenantId"
                   FROM "MentorAssignments" AS m0 WHERE m0."TenantId" = @t) AS m2 ON m1."Id" = m2."GroupId"
        ORDER BY m1."Id"
        """, ("t", tenant), ("groupId", group)))
    await using (var r = await g.ExecuteReaderAsync())
    {
        while (await r.ReadAsync())
        {
            mentorIds = r.GetFieldValue<Guid[]>(3);
            phase = r.GetString(4);
            published = r.IsDBNull(5) ? "" : r.GetFieldValue<DateTimeOffset>(5).ToString("O");
            semesterId = r.GetGuid(7);
            _ = r.IsDBNull(10) ? null : r.GetString(10);
            _ = r.IsDBNull(11) ? null : r.GetString(11);
            if (!r.IsDBNull(12) && r.IsDBNull(16))
                assignments.Add((r.GetGuid(21), r.GetGuid(18), r.GetString(20), r.IsDBNull(14) ? null : r.GetInt32(14)));
        }
    }
    await using (var c = Command(connection, """SELECT c."HeadTeacherId" FROM "Classes" AS c WHERE c."TenantId" = @t AND c."Id" = @id LIMIT 2""", ("t", tenant), ("id", classId)))
        headTeacher = (Guid)(await c.ExecuteScalarAsync())!;
    int cap;
    await using (var p = Command(connection, """
        SELECT s."Id", s."ChangedBy", s."EffectiveFrom", s."TenantId", s."Version", s."MaxMentorsPerStudent", s."MaxPreferences", s."MaxStudentsPerMentor", s."MinEvaluations", s."MinParentContacts", s."MinTalks", s."MonthlyReportReminderDay", s."MonthlyReportRequired", s."ReminderDaysBeforeEnd", s."RequireGuardianConsent"
        FROM "SchoolPolicies" AS s WHERE s."TenantId" = @t ORDER BY s."Version" DESC LIMIT 1
        """, ("t", tenant)))
    await using (var r = await p.ExecuteReaderAsync()) { cap = await r.ReadAsync() ? r.GetInt32(7) : 15; }
    await DistrictCeilings(connection);
    var teachers = new Dictionary<Guid, (string Name, bool Active, int Load)>();
    await using (var t = Command(connection, """
        SELECT t."Id", t."Name", t."IsActive", COALESCE((
            SELECT m."Mentees" FROM "MentorLoads" AS m WHERE m."TenantId" = @t AND m."SemesterId" = @s AND m."TeacherId" = t."Id" LIMIT 1), 0)
        FROM "Teachers" AS t WHERE t."TenantId" = @t AND t."Id" = ANY (@mentorIds)
        """, ("t", tenant), ("s", semesterId), ("mentorIds", mentorIds)))
    await using (var r = await t.ExecuteReaderAsync())
        while (await r.ReadAsync()) teachers[r.GetGuid(0)] = (r.GetString(1), r.GetBoolean(2), r.GetInt32(3));
    json.WriteStartObject();
    json.WriteString("id", group);
    json.WriteString("classId", classId);
    json.WriteString("semesterId", semesterId);
    json.WriteString("headTeacherId", headTeacher);
    json.WriteString("phase", JsonNamingPolicy.CamelCase.ConvertName(phase));
    json.WriteNull("selectionClosesOn");
    json.WriteString("publishedAt", published);
    json.WriteStartArray("mentors");
    foreach (var id in mentorIds)
    {
        var load = teachers[id].Load;
        json.WriteStartObject();
        json.WriteString("teacherId", id);
        json.WriteString("name", teachers[id].Name);
        json.WriteBoolean("isActive", teachers[id].Active);
        json.WriteBoolean("isHeadTeacher", id == headTeacher);
        json.WriteNumber("load", load);
        json.WriteNumber("remainingCapacity", cap - load);
        json.WriteNumber("menteesHere", assignments.Count(x => x.Mentor == id));
        json.WriteStartArray("welcomedStudentIds");
        json.WriteEndArray();
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteStartArray("students");
    await using (var s = Command(connection, """
        SELECT s."Id", s."Name", s."StudentNo", s."AttentionFlags"
        FROM "Students" AS s WHERE s."TenantId" = @t AND s."ClassId" = @c AND s."IsActive"
        """, ("t", tenant), ("c", classId)))
    await using (var r = await s.ExecuteReaderAsync())
    {
        while (await r.ReadAsync())
        {
            var id = r.GetGuid(0);
            json.WriteStartObject();
            json.WriteString("studentId", id);
            json.WriteString("name", r.GetString(1));
            json.WriteString("studentNo", r.GetString(2));
            WriteFlags(json, r.GetInt32(3));
            json.WriteStartArray("rankedMentorIds");
            json.WriteEndArray();
            json.WriteStartArray("mentors");
            foreach (var x in assignments)
            {
                if (x.Student != id) continue;
                json.WriteStartObject();
                json.WriteString("mentorId", x.Mentor);
                json.WriteString("source", JsonNamingPolicy.CamelCase.ConvertName(x.Source));
                if (x.Rank is { } rank) json.WriteNumber("choiceRank", rank); else json.WriteNull("choiceRank");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
    json.WriteEndArray();
    json.WriteEndObject();
}));

app.MapGet("/raw/archive", (HttpContext http) => Answer(http, async (connection, json) =>
{
    // Exists, the archive with the current version of each section, and the audit row of the read (committed on its own).
    await using (var e = Command(connection, """SELECT EXISTS (SELECT 1 FROM "Students" AS s WHERE s."TenantId" = @t AND s."Id" = @studentId)""", ("t", tenant), ("studentId", archiveStudent)))
        _ = await e.ExecuteScalarAsync();
    Guid archive = default; int version = 0;
    var sections = new Dictionary<string, (int Version, string Content, string? Author, DateTimeOffset At)>();
    await using (var q = Command(connection, """
        SELECT s0."Version", s0."ErasedAt", s0."Id", a1."Id", a1."ArchiveId", a1."AuthorId", a1."AuthorName", a1."Content", a1."Section", a1."TenantId", a1."Version", a1."WrittenAt"
        FROM (SELECT s."Version", s."ErasedAt", s."Id" FROM "StudentArchives" AS s WHERE s."TenantId" = @t AND s."StudentId" = @studentId LIMIT 2) AS s0
        LEFT JOIN (
            SELECT a."Id", a."ArchiveId", a."AuthorId", a."AuthorName", a."Content", a."Section", a."TenantId", a."Version", a."WrittenAt"
            FROM "ArchiveEntries" AS a
            WHERE a."TenantId" = @t AND a."Version" = (
                SELECT max(a0."Version") FROM "ArchiveEntries" AS a0 WHERE a0."TenantId" = @t AND a0."ArchiveId" = a."ArchiveId" AND a0."Section" = a."Section")
        ) AS a1 ON s0."Id" = a1."ArchiveId"
        ORDER BY s0."Id"
        """, ("t", tenant), ("studentId", archiveStudent)))
    await using (var r = await q.ExecuteReaderAsync())
        while (await r.ReadAsync())
        {
            (version, archive) = (r.GetInt32(0), r.GetGuid(2));
            if (!r.IsDBNull(3)) sections[r.GetString(8)] = (r.GetInt32(10), r.GetString(7), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(11));
        }
    await using (var audit = Command(connection, """
        INSERT INTO "AuditEntries" ("Id", "Action", "ActorId", "ActorName", "ActorRole", "At", "ClientAddress", "Details", "Section", "StudentId", "SubjectId", "SubjectType", "TenantId", "UserAgent")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
        """, ("p0", Guid.CreateVersion7()), ("p1", "archive.read"), ("p2", admin), ("p3", "示范校管理员"), ("p4", "school-admin"), ("p5", DateTimeOffset.UtcNow),
        ("p6", http.Connection.RemoteIpAddress?.ToString() ?? ""), ("p7", DBNull.Value), ("p8", DBNull.Value), ("p9", archiveStudent), ("p10", archive),
        ("p11", "StudentArchive"), ("p12", tenant), ("p13", http.Request.Headers.UserAgent.ToString())))
        await audit.ExecuteNonQueryAsync();
    json.WriteStartObject();
    json.WriteString("studentId", archiveStudent);
    json.WriteNumber("version", version);
    json.WriteNull("erasedAt");
    json.WriteStartObject("sections");
    foreach (var name in (string[])["Family", "Health", "Personality", "Interests", "Morals", "Habits", "Psychology", "Academics", "Difficulties"])
    {
        if (!sections.TryGetValue(name, out var s)) { json.WriteNull(JsonNamingPolicy.CamelCase.ConvertName(name)); continue; }
        json.WriteStartObject(JsonNamingPolicy.CamelCase.ConvertName(name));
        json.WriteNumber("version", s.Version);
        json.WriteString("writtenAt", s.At);
        if (s.Author is null) json.WriteNull("authorName"); else json.WriteString("authorName", s.Author);
        json.WriteString("content", s.Content); // sealed text: the service opens three sections (about 60 µs, see ArchiveCipherBenchmarks)
        json.WriteEndObject();
    }
    json.WriteEndObject();
    json.WriteEndObject();
}));

app.MapGet("/raw/progress", (HttpContext http) => Answer(http, async (connection, json) =>
{
    await using (var e = Command(connection, """SELECT EXISTS (SELECT 1 FROM "Teachers" AS t WHERE t."TenantId" = @t AND t."Id" = @id)""", ("t", tenant), ("id", mentor)))
        _ = await e.ExecuteScalarAsync();
    var (semesterId, policy) = await SemesterAndPolicy(connection);
    const string Mentees = """
        SELECT m."StudentId" FROM "MentorAssignments" AS m
        INNER JOIN (SELECT m0."Id", m0."Phase" FROM "MentorGroups" AS m0 WHERE m0."TenantId" = @t) AS m1 ON m."GroupId" = m1."Id"
        WHERE m."TenantId" = @t AND m."SemesterId" = @s AND m."EndedAt" IS NULL AND m1."Phase" = 'Published' AND m."MentorId" = @mentor
        """;
    var rows = new List<(Guid Id, string Name, string No, Guid Class)>();
    await using (var s = Command(connection, $"""
        SELECT s."Id", s."Name", s."StudentNo", s."ClassId", s."AttentionFlags" FROM "Students" AS s
        WHERE s."TenantId" = @t AND s."Id" IN ({Mentees}) ORDER BY s."StudentNo"
        """, ("t", tenant), ("s", semesterId), ("mentor", mentor)))
    await using (var r = await s.ExecuteReaderAsync())
        while (await r.ReadAsync()) rows.Add((r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetGuid(3)));
    var counts = await ActivityCounts(connection, semesterId, $"""SELECT s."Id" FROM "Students" AS s WHERE s."TenantId" = @t AND s."Id" IN ({Mentees})""", ("mentor", mentor));
    var reports = await ReportCounts(connection, semesterId, $"""SELECT s."Id" FROM "Students" AS s WHERE s."TenantId" = @t AND s."Id" IN ({Mentees})""", ("mentor", mentor));
    json.WriteStartObject();
    json.WriteString("teacherId", mentor);
    json.WriteString("semesterId", semesterId);
    json.WriteNumber("mentees", rows.Count);
    var complete = rows.Count(x => IsComplete(x.Id, counts, reports, policy));
    json.WriteNumber("complete", complete);
    json.WriteStartArray("items");
    foreach (var x in rows)
    {
        json.WriteStartObject();
        json.WriteString("studentId", x.Id);
        json.WriteString("name", x.Name);
        json.WriteString("studentNo", x.No);
        json.WriteString("classId", x.Class);
        json.WritePropertyName("progress");
        WriteProgress(json, x.Id, semesterId, counts, reports, policy);
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteEndObject();
}));

app.MapGet("/raw/statistics", (HttpContext http) => Answer(http, async (connection, json) =>
{
    var (semesterId, policy) = await SemesterAndPolicy(connection);
    var rows = new List<(Guid Id, int Flags)>();
    await using (var s = Command(connection, """
        SELECT s."Id", s."Name", s."StudentNo", s."ClassId", s."AttentionFlags" FROM "Students" AS s WHERE s."TenantId" = @t AND s."IsActive" ORDER BY s."StudentNo"
        """, ("t", tenant)))
    await using (var r = await s.ExecuteReaderAsync())
        while (await r.ReadAsync()) { _ = r.GetString(1); _ = r.GetString(2); rows.Add((r.GetGuid(0), r.GetInt32(4))); }
    const string Active = """SELECT s."Id" FROM "Students" AS s WHERE s."TenantId" = @t AND s."IsActive" """;
    var counts = await ActivityCounts(connection, semesterId, Active);
    var reports = await ReportCounts(connection, semesterId, Active);
    int teachers;
    await using (var t = Command(connection, """SELECT count(*)::int FROM "Teachers" AS t WHERE t."TenantId" = @t AND t."IsActive" """, ("t", tenant)))
        teachers = (int)(await t.ExecuteScalarAsync())!;
    const string Pairs = """
        FROM "MentorAssignments" AS m
        INNER JOIN (SELECT m0."Id", m0."Phase" FROM "MentorGroups" AS m0 WHERE m0."TenantId" = @t) AS m1 ON m."GroupId" = m1."Id"
        WHERE m."TenantId" = @t AND m."SemesterId" = @s AND m."EndedAt" IS NULL AND m1."Phase" = 'Published' AND EXISTS (
            SELECT 1 FROM "Students" AS s WHERE s."TenantId" = @t AND s."IsActive" AND s."Id" = m."StudentId")
        """;
    var loads = new List<int>();
    await using (var l = Command(connection, $"""SELECT count(*)::int {Pairs} GROUP BY m."MentorId" """, ("t", tenant), ("s", semesterId)))
    await using (var r = await l.ExecuteReaderAsync())
        while (await r.ReadAsync()) loads.Add(r.GetInt32(0));
    int covered;
    await using (var c = Command(connection, $"""SELECT count(*)::int FROM (SELECT DISTINCT m."StudentId" {Pairs}) AS s0""", ("t", tenant), ("s", semesterId)))
        covered = (int)(await c.ExecuteScalarAsync())!;
    var modes = new Dictionary<string, int>();
    await using (var m = Command(connection, """
        SELECT g."Mode", count(*)::int AS "Count" FROM "GuidanceActivities" AS g
        WHERE g."DeletedAt" IS NULL AND g."TenantId" = @t AND g."SemesterId" = @s AND g."Kind" = 'ParentContact' AND g."Mode" IS NOT NULL GROUP BY g."Mode"
        """, ("t", tenant), ("s", semesterId)))
    await using (var r = await m.ExecuteReaderAsync())
        while (await r.ReadAsync()) modes[r.GetString(0)] = r.GetInt32(1);
    int evaluations = 0; double care = 0, guidance = 0, communication = 0;
    await using (var e = Command(connection, """
        SELECT count(*)::int AS "Count", avg(m0."Care"::double precision) AS "Care", avg(m0."Guidance"::double precision) AS "Guidance", avg(m0."Communication"::double precision) AS "Communication"
        FROM (SELECT m."Care", m."Communication", m."Guidance", 1 AS "Key" FROM "MentorEvaluations" AS m WHERE m."TenantId" = @t AND m."SemesterId" = @s) AS m0
        GROUP BY m0."Key" LIMIT 2
        """, ("t", tenant), ("s", semesterId)))
    await using (var r = await e.ExecuteReaderAsync())
        if (await r.ReadAsync()) { evaluations = r.GetInt32(0); care = r.GetDouble(1); guidance = r.GetDouble(2); communication = r.GetDouble(3); }
    int withTalks = 0, withContacts = 0, withEvaluations = 0, all = 0, submitted = 0, priority = 0, priorityWithTalk = 0;
    foreach (var (id, flags) in rows)
    {
        var k = counts.GetValueOrDefault(id);
        if (k.Talks >= policy.MinTalks) withTalks++;
        if (k.Contacts >= policy.MinParentContacts) withContacts++;
        if (k.Evaluations >= policy.MinEvaluations) withEvaluations++;
        if (IsComplete(id, counts, reports, policy)) all++;
        submitted += Math.Min(reports.GetValueOrDefault(id), policy.ReportsDue);
        if (flags != 0) { priority++; if (k.Talks > 0) priorityWithTalk++; }
    }
    double Rate(int n, int of) => of == 0 ? 0 : Math.Round(100.0 * n / of, 1);
    json.WriteStartObject();
    json.WriteString("semesterId", semesterId);
    json.WriteString("asOf", DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"));
    json.WriteNumber("students", rows.Count);
    json.WriteNumber("teachers", teachers);
    json.WriteNumber("activeMentors", loads.Count);
    json.WriteNumber("coverage", Rate(covered, rows.Count));
    json.WriteStartObject("mentorLoad");
    json.WriteNumber("average", loads.Count == 0 ? 0 : Math.Round(loads.Average(), 1));
    json.WriteNumber("maximum", loads.Count == 0 ? 0 : loads.Max());
    json.WriteNumber("cap", policy.Cap);
    json.WriteNumber("capViolations", loads.Count(x => x > policy.Cap));
    json.WriteEndObject();
    json.WriteStartObject("threeOnes");
    json.WriteNumber("talks", Rate(withTalks, rows.Count));
    json.WriteNumber("parentContacts", Rate(withContacts, rows.Count));
    json.WriteNumber("evaluations", Rate(withEvaluations, rows.Count));
    json.WriteNumber("all", Rate(all, rows.Count));
    json.WriteEndObject();
    json.WriteStartObject("parentContactModes");
    foreach (var mode in (string[])["HomeVisit", "FaceToFace", "Phone", "Online"]) json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(mode), modes.GetValueOrDefault(mode));
    json.WriteEndObject();
    json.WriteStartObject("monthlyReports");
    json.WriteNumber("required", rows.Count * policy.ReportsDue);
    json.WriteNumber("submitted", submitted);
    json.WriteNumber("rate", Rate(submitted, rows.Count * policy.ReportsDue));
    json.WriteEndObject();
    json.WriteStartObject("priorityCare");
    json.WriteNumber("students", priority);
    json.WriteNumber("withTalk", priorityWithTalk);
    json.WriteEndObject();
    json.WriteStartObject("evaluations");
    json.WriteNumber("count", evaluations);
    json.WriteNumber("care", Math.Round(care, 2));
    json.WriteNumber("guidance", Math.Round(guidance, 2));
    json.WriteNumber("communication", Math.Round(communication, 2));
    json.WriteNumber("overall", Math.Round((care + guidance + communication) / 3, 2));
    json.WriteEndObject();
    json.WriteEndObject();
}));

app.MapPost("/raw/activity", async (HttpContext http) =>
{
    // The service's statements for POST /activities with an Idempotency-Key: the reservation, the semester, the
    // recorder's rights (the reach with the headed classes and the semester's pairs, in one statement), then one transaction with the audit row, the
    // activity, the stored answer, the outbox row and the activity's student.
    var key = http.Request.Headers["Idempotency-Key"].ToString();
    var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
    var summary = body.TryGetProperty("summary", out var s) ? s.GetString()! : "谈话记录";
    await using var connection = await data.OpenConnectionAsync();
    var reservation = Guid.CreateVersion7();
    var now = DateTimeOffset.UtcNow;
    await using (var reserve = Command(connection, """
        INSERT INTO "IdempotencyRequests" ("Id", "CompletedAt", "CreatedAt", "Key", "LeaseUntil", "RequestHash", "RequestName", "Response", "TenantId", "UserId")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
        """, ("p0", reservation), ("p1", DBNull.Value), ("p2", now), ("p3", key.Length > 0 ? key : reservation.ToString()), ("p4", now.AddMinutes(1)),
        ("p5", new string('0', 64)), ("p6", "RecordActivityCommand"), ("p7", DBNull.Value), ("p8", tenant), ("p9", mentorUser)))
        await reserve.ExecuteNonQueryAsync();
    DateOnly startsOn;
    await using (var sem = Command(connection, """SELECT s."Id", s."EndsOn", s."Label", s."StartsOn", s."TenantId" FROM "Semesters" AS s WHERE s."TenantId" = @t AND s."Id" = @id LIMIT 2""", ("t", tenant), ("id", semester)))
    await using (var r = await sem.ExecuteReaderAsync()) { await r.ReadAsync(); startsOn = r.GetFieldValue<DateOnly>(3); }
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    var ids = new[] { student };
    await using (var rights = Command(connection, """
        SELECT s."Id", EXISTS (SELECT 1 FROM "Classes" AS c0 WHERE c0."TenantId" = @t AND c0."Id" = s."ClassId" AND c0."HeadTeacherId" = @teacherId), s2."MentorId", s2."Id", s2."Id0"
        FROM "Students" AS s
        LEFT JOIN (
            SELECT m2."MentorId", m2."Id", m4."Id" AS "Id0", m2."StudentId" FROM "MentorAssignments" AS m2
            INNER JOIN (SELECT m3."Id", m3."Phase" FROM "MentorGroups" AS m3 WHERE m3."TenantId" = @t) AS m4 ON m2."GroupId" = m4."Id"
            WHERE m2."TenantId" = @t AND m2."SemesterId" = @s AND m2."EndedAt" IS NULL AND m4."Phase" = 'Published') AS s2 ON s."Id" = s2."StudentId"
        WHERE s."TenantId" = @t AND (s."ClassId" IN (SELECT c."Id" FROM "Classes" AS c WHERE c."TenantId" = @t AND c."HeadTeacherId" = @teacherId)
           OR s."Id" IN (SELECT m."StudentId" FROM "MentorAssignments" AS m
                INNER JOIN (SELECT m0."Id", m0."Phase" FROM "MentorGroups" AS m0 WHERE m0."TenantId" = @t) AS m1 ON m."GroupId" = m1."Id"
                INNER JOIN (SELECT s0."Id" FROM "Semesters" AS s0 WHERE s0."TenantId" = @t AND s0."StartsOn" <= @day AND @day <= s0."EndsOn") AS s1 ON m."SemesterId" = s1."Id"
                WHERE m."TenantId" = @t AND m."EndedAt" IS NULL AND m1."Phase" = 'Published' AND m."MentorId" = @teacherId)) AND s."Id" = ANY (@ids)
        ORDER BY s."Id", s2."Id"
        """, ("t", tenant), ("teacherId", mentor), ("s", semester), ("day", today), ("ids", ids)))
    await using (var r = await rights.ExecuteReaderAsync()) while (await r.ReadAsync()) { }

    var activity = Guid.CreateVersion7();
    var answer = new System.IO.MemoryStream();
    await using (var json = new Utf8JsonWriter(answer, Relaxed))
    {
        json.WriteStartObject();
        json.WriteString("id", activity);
        json.WriteString("semesterId", semester);
        json.WriteString("kind", "talk");
        json.WriteNull("mode");
        json.WriteStartArray("domains"); json.WriteStringValue("study"); json.WriteEndArray();
        json.WriteString("summary", summary);
        json.WriteString("occurredOn", today.ToString("yyyy-MM-dd"));
        json.WriteString("recordedById", mentor);
        json.WriteStartArray("studentIds"); json.WriteStringValue(student); json.WriteEndArray();
        json.WriteStartArray("coVisitorIds"); json.WriteEndArray();
        json.WriteStartArray("followUps"); json.WriteEndArray();
        json.WriteString("recordedAt", now);
        json.WriteNull("editedAt");
        json.WriteNumber("version", 1);
        json.WriteEndObject();
    }
    var response = System.Text.Encoding.UTF8.GetString(answer.ToArray());
    var ids7 = $$"""{"semesterId":"{{semester}}","kind":"talk","studentIds":["{{student}}"]}""";
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        await using (var write = Command(connection, """
            INSERT INTO "AuditEntries" ("Id", "Action", "ActorId", "ActorName", "ActorRole", "At", "ClientAddress", "Details", "Section", "StudentId", "SubjectId", "SubjectType", "TenantId", "UserAgent")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13);
            INSERT INTO "GuidanceActivities" ("Id", "CoVisitorIds", "DeletedAt", "DeletedById", "Domains", "EditedAt", "Kind", "Mode", "OccurredOn", "RecordedAt", "RecordedById", "SemesterId", "Summary", "TenantId", "Version")
            VALUES (@p14, @p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, @p27, @p28);
            UPDATE "IdempotencyRequests" SET "CompletedAt" = @p29, "Response" = @p30 WHERE "Id" = @p31 AND "TenantId" = @p12;
            INSERT INTO "OutboxMessages" ("Id", "Attempts", "AvailableAt", "DeadAt", "LastError", "LockedBy", "LockedUntil", "OccurredAt", "Payload", "ProcessedAt", "TenantId", "Type")
            VALUES (@p32, @p33, @p34, @p35, @p36, @p37, @p38, @p39, @p40, @p41, @p42, @p43);
            INSERT INTO "ActivityStudents" ("Id", "ActivityId", "StudentId", "TenantId") VALUES (@p44, @p45, @p46, @p47);
            """,
            ("p0", Guid.CreateVersion7()), ("p1", "activity.recorded"), ("p2", mentorUser), ("p3", "陈老师"), ("p4", "teacher"), ("p5", now),
            ("p6", http.Connection.RemoteIpAddress?.ToString() ?? ""), ("p7", ids7), ("p8", DBNull.Value), ("p9", DBNull.Value), ("p10", activity),
            ("p11", "GuidanceActivity"), ("p12", tenant), ("p13", http.Request.Headers.UserAgent.ToString()),
            ("p14", activity), ("p15", Array.Empty<Guid>()), ("p16", DBNull.Value), ("p17", DBNull.Value), ("p18", new[] { "Study" }), ("p19", DBNull.Value),
            ("p20", "Talk"), ("p21", DBNull.Value), ("p22", today), ("p23", now), ("p24", mentor), ("p25", semester), ("p26", summary), ("p27", tenant), ("p28", 1),
            ("p29", now), ("p30", response), ("p31", reservation),
            ("p32", Guid.CreateVersion7()), ("p33", 0), ("p34", now), ("p35", DBNull.Value), ("p36", DBNull.Value), ("p37", DBNull.Value), ("p38", DBNull.Value),
            ("p39", now), ("p40", ids7), ("p41", DBNull.Value), ("p42", tenant), ("p43", "activity.recorded"),
            ("p44", Guid.CreateVersion7()), ("p45", activity), ("p46", student), ("p47", tenant)))
        {
            write.Transaction = transaction;
            await write.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
    _ = startsOn;
    http.Response.StatusCode = StatusCodes.Status201Created;
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.Headers.Location = $"/raw/activity/{activity}";
    await http.Response.Body.WriteAsync(answer.GetBuffer().AsMemory(0, (int)answer.Length));
});

await app.RunAsync();

static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
{
    var command = new NpgsqlCommand(sql, connection);
    foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
    return command;
}

async Task Answer(HttpContext http, Func<NpgsqlConnection, Utf8JsonWriter, Task> write)
{
    await using var connection = await data.OpenConnectionAsync(http.RequestAborted);
    http.Response.ContentType = "application/json; charset=utf-8";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter, Relaxed);
    await write(connection, json);
    await json.FlushAsync();
}

async Task DistrictCeilings(NpgsqlConnection connection)
{
    await using var d = Command(connection, """SELECT d."Id", d."MaxMentorsPerStudentCeiling", d."MaxStudentsPerMentorCeiling" FROM "Districts" AS d WHERE d."Id" = @districtId LIMIT 2""",
        ("districtId", district));
    await using var r = await d.ExecuteReaderAsync();
    while (await r.ReadAsync()) { }
}

async Task<(Guid Semester, Policy Policy)> SemesterAndPolicy(NpgsqlConnection connection)
{
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    Guid id; DateOnly starts;
    await using (var s = Command(connection, """SELECT s."Id", s."EndsOn", s."Label", s."StartsOn", s."TenantId" FROM "Semesters" AS s WHERE s."TenantId" = @t AND s."StartsOn" <= @day AND @day <= s."EndsOn" LIMIT 2""",
        ("t", tenant), ("day", today)))
    await using (var r = await s.ExecuteReaderAsync()) { await r.ReadAsync(); id = r.GetGuid(0); starts = r.GetFieldValue<DateOnly>(3); }
    Policy policy;
    await using (var p = Command(connection, """
        SELECT s."Id", s."ChangedBy", s."EffectiveFrom", s."TenantId", s."Version", s."MaxMentorsPerStudent", s."MaxPreferences", s."MaxStudentsPerMentor", s."MinEvaluations", s."MinParentContacts", s."MinTalks", s."MonthlyReportReminderDay", s."MonthlyReportRequired", s."ReminderDaysBeforeEnd", s."RequireGuardianConsent"
        FROM "SchoolPolicies" AS s WHERE s."TenantId" = @t ORDER BY s."Version" DESC LIMIT 1
        """, ("t", tenant)))
    await using (var r = await p.ExecuteReaderAsync())
    {
        var due = (today.Year - starts.Year) * 12 + today.Month - starts.Month + 1;
        policy = await r.ReadAsync() ? new Policy(r.GetInt32(10), r.GetInt32(9), r.GetInt32(8), r.GetBoolean(12) ? due : 0, r.GetInt32(7)) : new Policy(1, 1, 1, due, 15);
    }
    await DistrictCeilings(connection);
    return (id, policy);
}

async Task<Dictionary<Guid, Counts>> ActivityCounts(NpgsqlConnection connection, Guid semesterId, string students, params (string, object)[] extra)
{
    var counts = new Dictionary<Guid, Counts>();
    await using var c = Command(connection, $"""
        SELECT a."StudentId", g2."Kind", count(*)::int AS "Count" FROM "ActivityStudents" AS a
        INNER JOIN (SELECT g."Id", g."DeletedAt" FROM "GuidanceActivities" AS g WHERE g."DeletedAt" IS NULL AND g."TenantId" = @t) AS g0 ON a."ActivityId" = g0."Id"
        INNER JOIN (SELECT g1."Id", g1."Kind", g1."SemesterId" FROM "GuidanceActivities" AS g1 WHERE g1."DeletedAt" IS NULL AND g1."TenantId" = @t) AS g2 ON a."ActivityId" = g2."Id"
        WHERE g0."DeletedAt" IS NULL AND a."TenantId" = @t AND g2."SemesterId" = @s AND a."StudentId" IN ({students})
        GROUP BY a."StudentId", g2."Kind"
        """, [("t", tenant), ("s", semesterId), .. extra]);
    await using var r = await c.ExecuteReaderAsync();
    while (await r.ReadAsync())
    {
        var k = counts.GetValueOrDefault(r.GetGuid(0));
        var n = r.GetInt32(2);
        counts[r.GetGuid(0)] = r.GetString(1) switch
        {
            "Talk" or "GroupTalk" => k with { Talks = k.Talks + n },
            "ParentContact" => k with { Contacts = k.Contacts + n },
            "EvaluationFeedback" => k with { Evaluations = k.Evaluations + n },
            _ => k,
        };
    }
    return counts;
}

async Task<Dictionary<Guid, int>> ReportCounts(NpgsqlConnection connection, Guid semesterId, string students, params (string, object)[] extra)
{
    var reports = new Dictionary<Guid, int>();
    await using var c = Command(connection, $"""
        SELECT m."StudentId", count(*)::int AS "Count" FROM "MonthlyReports" AS m
        WHERE m."TenantId" = @t AND m."SemesterId" = @s AND m."Month" <= @lastMonthDue AND m."StudentId" IN ({students})
        GROUP BY m."StudentId"
        """, [("t", tenant), ("s", semesterId), ("lastMonthDue", new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1)), .. extra]);
    await using var r = await c.ExecuteReaderAsync();
    while (await r.ReadAsync()) reports[r.GetGuid(0)] = r.GetInt32(1);
    return reports;
}

static bool IsComplete(Guid id, Dictionary<Guid, Counts> counts, Dictionary<Guid, int> reports, Policy policy)
{
    var k = counts.GetValueOrDefault(id);
    return k.Talks >= policy.MinTalks && k.Contacts >= policy.MinParentContacts && k.Evaluations >= policy.MinEvaluations
        && reports.GetValueOrDefault(id) >= policy.ReportsDue;
}

static void WriteProgress(Utf8JsonWriter json, Guid id, Guid semesterId, Dictionary<Guid, Counts> counts, Dictionary<Guid, int> reports, Policy policy)
{
    var k = counts.GetValueOrDefault(id);
    var submitted = reports.GetValueOrDefault(id);
    var threeOnes = k.Talks >= policy.MinTalks && k.Contacts >= policy.MinParentContacts && k.Evaluations >= policy.MinEvaluations;
    json.WriteStartObject();
    json.WriteString("studentId", id);
    json.WriteString("semesterId", semesterId);
    json.WriteNumber("talks", k.Talks);
    json.WriteNumber("parentContacts", k.Contacts);
    json.WriteNumber("evaluations", k.Evaluations);
    json.WriteStartObject("monthlyReports");
    json.WriteNumber("required", policy.ReportsDue);
    json.WriteNumber("submitted", submitted);
    json.WriteEndObject();
    json.WriteBoolean("threeOnesComplete", threeOnes);
    json.WriteBoolean("complete", threeOnes && submitted >= policy.ReportsDue);
    json.WriteStartArray("gaps");
    if (k.Talks < policy.MinTalks) json.WriteStringValue($"谈心谈话还差 {policy.MinTalks - k.Talks} 次");
    if (k.Contacts < policy.MinParentContacts) json.WriteStringValue($"家校沟通还差 {policy.MinParentContacts - k.Contacts} 次");
    if (k.Evaluations < policy.MinEvaluations) json.WriteStringValue($"评价反馈还差 {policy.MinEvaluations - k.Evaluations} 次");
    json.WriteEndArray();
    json.WriteEndObject();
}

static void WriteStudent(Utf8JsonWriter json, NpgsqlDataReader r)
{
    json.WriteStartObject();
    json.WriteString("id", r.GetGuid(0));
    json.WriteString("name", r.GetString(6));
    json.WriteString("studentNo", r.GetString(7));
    json.WriteString("classId", r.GetGuid(3));
    json.WriteString("gender", JsonNamingPolicy.CamelCase.ConvertName(r.GetString(4)));
    if (r.IsDBNull(2)) json.WriteNull("birthDate"); else json.WriteString("birthDate", r.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd"));
    WriteFlags(json, r.GetInt32(1));
    json.WriteStartArray("guardians");
    if (!r.IsDBNull(9))
    {
        using var guardians = JsonDocument.Parse(r.GetString(9));
        foreach (var g in guardians.RootElement.EnumerateArray())
        {
            json.WriteStartObject();
            json.WriteString("name", g.GetProperty("Name").GetString());
            json.WriteString("relation", g.GetProperty("Relation").GetString());
            json.WriteString("phone", g.GetProperty("Phone").GetString());
            json.WriteEndObject();
        }
    }
    json.WriteEndArray();
    json.WriteBoolean("isActive", r.GetBoolean(5));
    json.WriteEndObject();
}

static void WriteFlags(Utf8JsonWriter json, int flags)
{
    json.WriteStartArray("attentionFlags");
    string[] names = ["academicDifficulty", "behavioural", "singleParent", "reconstitutedFamily", "leftBehind", "economicHardship", "psychological", "disability"];
    for (var i = 0; i < names.Length; i++) if ((flags & (1 << i)) != 0) json.WriteStringValue(names[i]);
    json.WriteEndArray();
}

static void WriteNullableString(Utf8JsonWriter json, string name, NpgsqlDataReader r, int i)
{
    if (r.IsDBNull(i)) json.WriteNull(name); else json.WriteString(name, r.GetString(i));
}

static void WriteNullableGuid(Utf8JsonWriter json, string name, NpgsqlDataReader r, int i)
{
    if (r.IsDBNull(i)) json.WriteNull(name); else json.WriteString(name, r.GetGuid(i));
}

internal readonly record struct Counts(int Talks, int Contacts, int Evaluations);

internal sealed record Policy(int MinTalks, int MinParentContacts, int MinEvaluations, int ReportsDue, int Cap);
