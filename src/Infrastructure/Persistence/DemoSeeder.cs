using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Archives;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Schools;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Application.Reminders;
using MentorCloud.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// A demo district and school with a current semester, 4 classes, 12 teachers and 120 students, a published mentor
/// group per class, guardians' consent for most students, a few filled archives, a semester of guidance with gaps and the
/// reminders and escalations those gaps called for, so a fresh <c>dotnet run</c> has a living school to explore. Runs once; the logins are printed at every start.
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
            var semester = await SeedSchoolAsync(tenant, cancellationToken);
            await catalog.SaveChangesAsync(cancellationToken);
            await SendPastRemindersAsync(tenant, semester, cancellationToken);
            await RollUpOnceAsync(tenant, cancellationToken);
        }

        logger.LogWarning(
            "Demo data: district '{District}' (admin {DistrictAdmin}), school '{School}' (admin {SchoolAdmin}, head teachers demo-t01…demo-t04, " +
            "teachers demo-t05…demo-t12, students demo-s001…demo-s004); every demo password is {Password}",
            DistrictCode, DistrictAdmin, SchoolCode, SchoolAdmin, Password);
    }

    /// <summary>The demo district's first rollup, so its statistics have something to show before the nightly job runs.</summary>
    private async Task RollUpOnceAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant, new SystemUser("demo-seed"));
        await scope.ServiceProvider.GetRequiredService<DistrictRollup>().RollUpSchoolAsync(cancellationToken);
    }

    private async Task<DateRange> SeedSchoolAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var today = clock.Today();
        var now = clock.GetUtcNow();

        var semester = new Semester($"{SemesterLabel(today)}", CurrentSemester(today));
        db.Semesters.Add(semester);
        var accounts = new Dictionary<Guid, ArchiveAuthor>();
        var teachers = Enumerable.Range(1, 12).Select(i =>
        {
            var teacher = new Teacher($"{Surnames[i - 1]}老师", $"T{i:000}", [Subjects[(i - 1) % Subjects.Length]]);
            var login = $"demo-t{i:00}";
            accounts[teacher.Id] = new ArchiveAuthor(identity.CreateUser(new NewUser(login, Password, teacher.Name, [Roles.Teacher], DistrictCode, SchoolCode, TeacherId: teacher.Id)), login);
            return teacher;
        }).ToList();
        db.Teachers.AddRange(teachers);

        var schoolYear = SchoolClass.SchoolYearOf(today);
        var classes = Enumerable.Range(1, 4).Select(i => new SchoolClass($"五({i})班", 5, schoolYear, teachers[i - 1].Id)).ToList();
        db.Classes.AddRange(classes);
        for (var i = 4; i < teachers.Count; i++)
            teachers[i].SetClassesTaught([classes[i % 4].Id, classes[(i + 1) % 4].Id]);

        AttentionFlags[] flags = [AttentionFlags.SingleParent, AttentionFlags.LeftBehind, AttentionFlags.AcademicDifficulty, AttentionFlags.Psychological, AttentionFlags.FinancialHardship];
        var students = new List<Student>();
        for (var n = 1; n <= 120; n++)
        {
            var name = Surnames[n % Surnames.Length] + GivenNames[n % GivenNames.Length];
            var student = new Student(name, $"S{schoolYear}{n:000}", classes[(n - 1) % 4].Id, n % 2 == 0 ? Gender.Female : Gender.Male,
                new DateOnly(schoolYear - 11, 1 + (n % 12), 1 + (n % 28)), [new Guardian($"{name[0]}家长", n % 3 == 0 ? "母亲" : "父亲", $"1380000{n:0000}")],
                n % 10 == 0 ? flags[n / 10 % flags.Length] : AttentionFlags.None);
            db.Students.Add(student);
            students.Add(student);
            if (n <= 4)
                identity.CreateUser(new NewUser($"demo-s{n:000}", Password, name, [Roles.Student], DistrictCode, SchoolCode, StudentId: student.Id));
        }

        var policy = await db.SchoolPolicies.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(cancellationToken);
        var settings = policy.Settings;
        if (ReminderDayTenDaysBack(semester.Dates, settings, today) is { } days)
            db.SchoolPolicies.Add(policy.Revise(settings with { ReminderDaysBeforeEnd = days }, PolicyLimits.None, now, null));
        var mentorsOf = PublishMentorGroups(db, semester, classes, teachers, students, settings, now);
        OpenArchives(scope.ServiceProvider.GetRequiredService<ArchiveContents>(), db, semester, students, mentorsOf, accounts, now);
        HandInReportsAndEvaluations(db, semester, students, mentorsOf, today, now);
        RecordActivities(db, semester, classes, students, mentorsOf, today, now);
        await db.SaveChangesAsync(cancellationToken);
        return semester.Dates;
    }

    /// <summary>
    /// The policy's reminder days plus one that fell ten days ago, when none of them lies seven days back yet (early in the
    /// semester the default 30, 14, 7 and 1 days before the end are all to come): so the demo shows a reminder and its
    /// escalation. Null when the policy already has such a day or the semester is younger than ten days.
    /// </summary>
    private static List<int>? ReminderDayTenDaysBack(DateRange semester, PolicySettings settings, DateOnly today)
    {
        if (settings.ReminderDaysBeforeEnd.Any(d => semester.End.AddDays(-d + Escalations.DaysAfterReminder) <= today) || today.AddDays(-10) < semester.Start)
            return null;
        var days = semester.End.DayNumber - today.AddDays(-10).DayNumber;
        return days > SchoolPolicyBounds.MaxReminderDaysBeforeEnd ? null
            : [.. settings.ReminderDaysBeforeEnd.Append(days).Distinct().OrderDescending().Take(SchoolPolicyBounds.MaxReminders)];
    }

    /// <summary>
    /// The reminders and escalations of the semester's days so far, stored by the reminder job itself run for each day at
    /// 07:00 (the recurring job's time), so the demo users find them among their notifications as they would have come.
    /// The gaps are those of the seeded activities, all known from the first day.
    /// </summary>
    private async Task SendPastRemindersAsync(TenantInfo tenant, DateRange semester, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant);
        var now = clock.GetUtcNow();
        var school = new SchoolJob(tenant.Id, tenant.Identifier);
        var stored = 0;
        for (var day = semester.Start; day <= clock.Today() && day <= semester.End; day = day.AddDays(1))
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(8));
            var job = ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider, (TimeProvider)new FixedClock(at < now ? at : now));
            stored += await job.SendAsync(school, cancellationToken);
        }
        logger.LogInformation("Demo data: {Count} reminders and escalations of the semester's past days stored", stored);
    }

    /// <summary>A clock standing still at one instant: the reminder job run for a past day.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }

    /// <summary>Each class's group: its head teacher and two subject teachers, ten students each, published.</summary>
    private static Dictionary<Guid, Guid> PublishMentorGroups(ApplicationDbContext db, Semester semester, List<SchoolClass> classes, List<Teacher> teachers,
        List<Student> students, PolicySettings settings, DateTimeOffset now)
    {
        var loads = teachers.Select(t => new MentorLoad(semester.Id, t.Id)).ToList();
        db.MentorLoads.AddRange(loads);
        var ledger = new MentorLoadLedger(semester.Id, settings.MaxStudentsPerMentor, loads);
        var mentorOf = new Dictionary<Guid, Guid>();
        for (var c = 0; c < classes.Count; c++)
        {
            Guid[] mentors = [classes[c].HeadTeacherId, teachers[4 + 2 * c].Id, teachers[5 + 2 * c].Id];
            var group = new MentorGroup(classes[c].Id, semester.Id, mentors, now);
            var members = students.Where(s => s.ClassId == classes[c].Id).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                group.Assign(members[i].Id, members[i].IsPriorityCare, [mentors[i % mentors.Length]], settings.MaxMentorsPerStudent, ledger, now);
                mentorOf[members[i].Id] = mentors[i % mentors.Length];
            }
            group.Publish(members.Select(s => s.Id).ToList(), now);
            db.MentorGroups.Add(group);
        }
        return mentorOf;
    }

    private static readonly string[] TalkSummaries =
    [
        "谈心谈话：近期作业完成情况和课堂专注度，约定每天放学前自查作业。",
        "谈心谈话：与同学相处中的小矛盾，引导换位思考。",
        "谈心谈话：期中考试后的心态调整，制定错题整理计划。",
        "谈心谈话：作息与手机使用，约定晚上九点半前睡觉。",
        "谈心谈话：兴趣特长发展，鼓励参加学校社团。",
    ];

    /// <summary>
    /// The semester's guidance so far: talks for most students, parent contacts of every mode (the head teacher's home visits
    /// joined by the student's mentor), evaluation feedback, one group talk and follow-ups, some done, some overdue. Every
    /// seventh student has had nothing yet, so priority care and progress show gaps.
    /// </summary>
    private static void RecordActivities(ApplicationDbContext db, Semester semester, List<SchoolClass> classes, List<Student> students,
        Dictionary<Guid, Guid> mentorOf, DateOnly today, DateTimeOffset now)
    {
        var headOf = classes.ToDictionary(c => c.Id, c => c.HeadTeacherId);
        var rights = new RecordingRights(
            mentorOf.ToDictionary(p => p.Key, p => (IReadOnlySet<Guid>)new HashSet<Guid> { p.Value }),
            students.Select(s => s.Id).ToHashSet());
        DateOnly DaysAgo(int days) => today.AddDays(-days) < semester.StartsOn ? semester.StartsOn : today.AddDays(-days);
        GuidanceDomain[] domains = [GuidanceDomain.Thinking, GuidanceDomain.Study, GuidanceDomain.Psychological, GuidanceDomain.Life, GuidanceDomain.Growth];
        ParentContactMode[] modes = [ParentContactMode.Phone, ParentContactMode.FaceToFace, ParentContactMode.Online, ParentContactMode.HomeVisit];
        GuidanceActivity Record(ActivityDetails details, Guid by)
        {
            var activity = GuidanceActivity.Record(details, semester.Id, semester.Dates, by, rights, today, now);
            db.GuidanceActivities.Add(activity);
            return activity;
        }

        for (var n = 1; n <= students.Count; n++)
        {
            if (n % 7 == 0) continue;
            var student = students[n - 1];
            var mentor = mentorOf[student.Id];
            var talkOn = DaysAgo(n * 3 % 40 + 1);
            List<FollowUpPlan> followUps = student.IsPriorityCare
                ? [new FollowUpPlan("一周后再次谈心，了解计划执行情况", talkOn.AddDays(7)), new FollowUpPlan("与家长电话沟通在家学习情况", talkOn.AddDays(3))]
                : [];
            var talk = Record(new ActivityDetails(ActivityKind.Talk, null, [domains[n % 5], domains[(n + 2) % 5]], TalkSummaries[n % TalkSummaries.Length],
                talkOn, [student.Id], [], followUps), mentor);
            if (talk.FollowUps.Count > 0 && talk.FollowUps[1].DueOn <= today)
                talk.CompleteFollowUp(talk.FollowUps[1].Id, mentor, talk.FollowUps[1].DueOn, semester.Dates, today);

            if (n % 3 == 0)
            {
                var mode = modes[n / 3 % modes.Length];
                var head = headOf[student.ClassId];
                var joint = mode == ParentContactMode.HomeVisit && head != mentor;
                Record(new ActivityDetails(ActivityKind.ParentContact, mode, [GuidanceDomain.Life, GuidanceDomain.Growth],
                    mode == ParentContactMode.HomeVisit ? "家访：了解家庭学习环境，与家长商定周末作息安排。" : "家校沟通：反馈在校表现，请家长配合督促阅读。",
                    DaysAgo(n % 20 + 2), [student.Id], joint ? [mentor] : [], []), joint ? head : mentor);
            }
            if (n % 4 == 0)
                Record(new ActivityDetails(ActivityKind.EvaluationFeedback, null, [GuidanceDomain.Study], "评价反馈：本月进步明显，书写仍需加强。",
                    DaysAgo(n % 10 + 1), [student.Id], [], []), mentor);
        }

        // A group talk of the first class's head teacher with their own mentees.
        var firstHead = classes[0].HeadTeacherId;
        var mentees = students.Where(s => mentorOf[s.Id] == firstHead).Take(5).Select(s => s.Id).ToList();
        Record(new ActivityDetails(ActivityKind.GroupTalk, null, [GuidanceDomain.Thinking, GuidanceDomain.Growth], "座谈：新学期目标与学习方法交流。",
            DaysAgo(5), mentees, [], [new FollowUpPlan("每人写一份阶段目标", DaysAgo(5).AddDays(10))]), firstHead);
    }

    /// <summary>Every student's archive; consent on record for seven in eight; the flagged students' archives partly written by their mentors.</summary>
    private static void OpenArchives(ArchiveContents contents, ApplicationDbContext db, Semester semester, List<Student> students, Dictionary<Guid, Guid> mentorOf,
        Dictionary<Guid, ArchiveAuthor> accounts, DateTimeOffset now)
    {
        for (var n = 0; n < students.Count; n++)
        {
            var student = students[n];
            var archive = new StudentArchive(student.Id, now);
            db.StudentArchives.Add(archive);
            if (n % 8 == 7) continue;
            var guardian = student.Guardians[0];
            archive.RecordConsent(guardian.Name, guardian.Relation, semester.Dates.Start, ConsentMethod.Paper,
                ConsentScope.Archive | ConsentScope.SensitiveSections | ConsentScope.Goals, null, now);
            if (!student.IsPriorityCare && n >= 4) continue;

            var author = accounts[mentorOf[student.Id]];
            var structure = student.AttentionFlags.HasFlag(AttentionFlags.SingleParent) ? FamilyStructure.SingleParent
                : student.AttentionFlags.HasFlag(AttentionFlags.LeftBehind) ? FamilyStructure.LeftBehind : FamilyStructure.TwoParent;
            Write(archive, contents, ArchiveSection.Family, new FamilySection(structure,
                [new FamilyMember(guardian.Name, guardian.Relation, "个体经营", guardian.Phone, structure != FamilyStructure.LeftBehind)],
                structure == FamilyStructure.LeftBehind ? "父母在外地务工，由祖父母照顾，周末视频联系。" : "家庭关系和睦，家长重视学习。", null), author, now);
            Write(archive, contents, ArchiveSection.Interests, new InterestsSection(["阅读", "篮球"], "擅长讲故事", null), author, now);
            Write(archive, contents, ArchiveSection.Academics, new AcademicsSection(
                [new AcademicResult("语文", semester.Label, 88, null, "阅读理解较好"), new AcademicResult("数学", semester.Label, 76, null, "计算需加强")], null), author, now);
            if (student.AttentionFlags.HasFlag(AttentionFlags.Psychological))
                Write(archive, contents, ArchiveSection.Psychology, new PsychologySection("需关注", "考试前容易紧张", "每两周谈心一次，与心理老师沟通", null), author, now);
            archive.SetGoal(GoalKind.Stage, "本学期数学成绩提高 10 分", semester.Dates.End, author, now, consentRequired: true);
        }
    }

    private static readonly string[] ReportTexts =
    [
        "这个月按时完成了作业，数学单元测验比上次进步了。",
        "本月参加了学校的运动会，和同学们一起练习接力，很开心。",
        "这个月读完了一本课外书，还在班会上分享了读后感。",
        "英语单词背得不够牢，下个月想每天早上多读十分钟。",
        "这个月帮妈妈做家务，学会了自己整理书包和房间。",
    ];

    /// <summary>
    /// Monthly reports for the semester's past months from most students (a few are missing, some only last month), with
    /// mentors' comments on last month's; and evaluations: four of demo-t05's mentees evaluate them (averages shown to the
    /// mentor, R11), two of demo-t01's (below three: hidden from the mentor). The demo student logins evaluate nobody yet.
    /// </summary>
    private static void HandInReportsAndEvaluations(ApplicationDbContext db, Semester semester, List<Student> students, Dictionary<Guid, Guid> mentorOf,
        DateOnly today, DateTimeOffset now)
    {
        if (semester.StartsOn > today) return;
        var thisMonth = MonthlyReport.MonthOf(today);
        var months = new List<DateOnly>();
        for (var month = MonthlyReport.MonthOf(semester.StartsOn); month < thisMonth; month = month.AddMonths(1)) months.Add(month);
        for (var n = 0; n < students.Count; n++)
        {
            if (n % 7 == 6) continue;
            foreach (var month in months)
            {
                if (month == months[^1] && n % 11 == 3) continue;
                var at = new DateTimeOffset(month.AddDays(24).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
                var report = MonthlyReport.Submit(students[n].Id, month, ReportTexts[(n + month.Month) % ReportTexts.Length], [semester], null,
                    ReportSubmitterRole.Student, today, at < now ? at : now);
                if (month == months[^1] && n % 2 == 0) report.Comment(mentorOf[students[n].Id], "看到你的进步了，继续保持！有困难随时来找我。", now);
                db.MonthlyReports.Add(report);
            }
        }

        var firstClass = students.Where(s => s.ClassId == students[0].ClassId).ToList();
        var byMentor = firstClass.Skip(4).GroupBy(s => mentorOf[s.Id]).ToDictionary(g => g.Key, g => g.ToList());
        int[][] scores = [[5, 5, 4], [4, 5, 5], [5, 4, 4], [4, 4, 5]];
        var (headTeacher, mentor) = (mentorOf[firstClass[0].Id], mentorOf[firstClass[1].Id]);
        foreach (var (teacherId, count) in new[] { (mentor, 4), (headTeacher, 2) })
            for (var i = 0; i < count && i < byMentor[teacherId].Count; i++)
                db.MentorEvaluations.Add(MentorEvaluation.Submit(byMentor[teacherId][i].Id, teacherId, semester.Id, mentoredInSemester: true,
                    new EvaluationScores(scores[i][0], scores[i][1], scores[i][2]), i % 2 == 0 ? "老师很关心我，谈心的时候很耐心。" : null, now));
    }

    private static void Write(StudentArchive archive, ArchiveContents contents, ArchiveSection section, object content, ArchiveAuthor author, DateTimeOffset now) =>
        archive.Write(section, contents.Seal(archive.StudentId, section, content), author, now, consentRequired: true);

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
