using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.UnitTests;

public sealed class GuidanceActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 10, 8);
    private static readonly DateRange Semester = new(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20));
    private static readonly Guid SemesterId = Guid.CreateVersion7();
    private static readonly Guid Mentor = Guid.CreateVersion7();
    private static readonly Guid OtherMentor = Guid.CreateVersion7();
    private static readonly Guid HeadTeacher = Guid.CreateVersion7();
    private static readonly Guid Student = Guid.CreateVersion7();
    private static readonly Guid Classmate = Guid.CreateVersion7();

    /// <summary>Mentor mentors both students; OtherMentor mentors only the classmate; HeadTeacher heads both.</summary>
    private static readonly RecordingRights Rights = new(
        new Dictionary<Guid, IReadOnlySet<Guid>> { [Student] = new HashSet<Guid> { Mentor }, [Classmate] = new HashSet<Guid> { Mentor, OtherMentor } },
        new HashSet<Guid> { Student, Classmate });

    private static ActivityDetails Talk(Guid? student = null, DateOnly? on = null, params FollowUpPlan[] followUps) =>
        new(ActivityKind.Talk, null, [GuidanceDomain.Study], "谈心：作业习惯", on ?? new DateOnly(2026, 10, 7), [student ?? Student], [], followUps);

    private static ActivityDetails HomeVisit(params Guid[] coVisitors) =>
        new(ActivityKind.ParentContact, ParentContactMode.HomeVisit, [GuidanceDomain.Life], "家访", new DateOnly(2026, 10, 6), [Student], coVisitors, []);

    private static GuidanceActivity Record(ActivityDetails details, Guid? by = null) =>
        GuidanceActivity.Record(details, SemesterId, Semester, by ?? Mentor, Rights, Today, Now);

    [Fact]
    public void A_mentor_records_a_talk_and_the_fact_names_the_ids()
    {
        var activity = Record(Talk(followUps: new FollowUpPlan("下周复查", new DateOnly(2026, 10, 14))));

        activity.StudentIds.ShouldBe([Student]);
        activity.Students.Single().ActivityId.ShouldBe(activity.Id);
        activity.FollowUps.Single().ActivityId.ShouldBe(activity.Id);
        activity.Version.ShouldBe(1);
        var recorded = activity.DomainEvents.OfType<ActivityRecorded>().Single();
        (recorded.ActivityId, recorded.SemesterId, recorded.Kind, recorded.RecordedById).ShouldBe((activity.Id, SemesterId, ActivityKind.Talk, Mentor));
        recorded.StudentIds.ShouldBe([Student]);
    }

    [Fact]
    public void Someone_who_mentors_not_every_listed_student_is_refused_R10()
    {
        var group = new ActivityDetails(ActivityKind.GroupTalk, null, [GuidanceDomain.Growth], "座谈", new DateOnly(2026, 10, 7), [Student, Classmate], [], []);

        Should.Throw<RuleViolationException>(() => Record(group, OtherMentor)).Rule.ShouldBe("R10");
        Record(group).StudentIds.ShouldBe([Student, Classmate], ignoreOrder: true);
        Should.Throw<RuleViolationException>(() => Record(Talk(), HeadTeacher)).Rule.ShouldBe("R10");
    }

    [Fact]
    public void The_head_teacher_records_a_home_visit_only_jointly_with_the_students_mentors_R10()
    {
        Record(HomeVisit(Mentor), HeadTeacher).CoVisitorIds.ShouldBe([Mentor]);
        Should.Throw<RuleViolationException>(() => Record(HomeVisit(), HeadTeacher)).Rule.ShouldBe("R10");
        Should.Throw<RuleViolationException>(() => Record(HomeVisit(OtherMentor), HeadTeacher)).Rule.ShouldBe("R10");
        Should.Throw<RuleViolationException>(() => Record(HomeVisit(Mentor) with { Mode = ParentContactMode.Phone }, HeadTeacher)).Rule.ShouldBe("R10");
    }

    [Theory]
    [InlineData(2026, 10, 9)]
    [InlineData(2026, 8, 31)]
    public void The_day_lies_in_the_semester_and_not_in_the_future_R10(int year, int month, int day) =>
        Should.Throw<RuleViolationException>(() => Record(Talk(on: new DateOnly(year, month, day)))).Rule.ShouldBe("R10");

    [Fact]
    public void Nothing_is_recorded_for_a_closed_semester_R10() =>
        Should.Throw<RuleViolationException>(() => GuidanceActivity.Record(Talk(), SemesterId, Semester, Mentor, Rights, new DateOnly(2027, 1, 21), Now))
            .Rule.ShouldBe("R10");

    [Fact]
    public void The_shape_of_each_kind_is_guarded()
    {
        Should.Throw<DomainValidationException>(() => Record(Talk() with { StudentIds = [Student, Classmate] })).Field.ShouldBe("studentIds");
        Should.Throw<DomainValidationException>(() => Record(Talk() with { StudentIds = [] })).Field.ShouldBe("studentIds");
        Should.Throw<DomainValidationException>(() => Record(Talk() with { Mode = ParentContactMode.Phone })).Field.ShouldBe("mode");
        Should.Throw<DomainValidationException>(() => Record(HomeVisit() with { Mode = null })).Field.ShouldBe("mode");
        Should.Throw<DomainValidationException>(() => Record(Talk() with { Domains = [] })).Field.ShouldBe("domains");
        Should.Throw<DomainValidationException>(() => Record(Talk() with { Summary = " " })).Field.ShouldBe("summary");
        Should.Throw<DomainValidationException>(() => Record(Talk(followUps: new FollowUpPlan("复查", new DateOnly(2026, 10, 1))))).Field.ShouldBe("followUps");
        Should.Throw<DomainValidationException>(() => Record(HomeVisit(Mentor), Mentor)).Field.ShouldBe("coVisitorIds");
    }

    [Fact]
    public void Only_the_author_edits_deletes_and_completes_and_only_while_the_semester_is_open()
    {
        var activity = Record(Talk(followUps: new FollowUpPlan("复查", new DateOnly(2026, 10, 14))));
        var followUp = activity.FollowUps.Single().Id;

        Should.Throw<ActivityNotOwnedException>(() => activity.Edit(Talk(), OtherMentor, Semester, Rights, Today, Now));
        Should.Throw<ActivityNotOwnedException>(() => activity.Delete(HeadTeacher, Semester, Today, Now));
        Should.Throw<RuleViolationException>(() => activity.Edit(Talk(), Mentor, Semester, Rights, new DateOnly(2027, 1, 21), Now)).Rule.ShouldBe("R10");
        Should.Throw<RuleViolationException>(() => activity.CompleteFollowUp(followUp, Mentor, Today, Semester, new DateOnly(2027, 1, 21))).Rule.ShouldBe("R10");

        activity.CompleteFollowUp(followUp, Mentor, Today, Semester, Today).CompletedOn.ShouldBe(Today);
        Should.Throw<ConflictException>(() => activity.CompleteFollowUp(followUp, Mentor, Today, Semester, Today));
        activity.Version.ShouldBe(2);
    }

    [Fact]
    public void An_edit_keeps_listed_follow_ups_adds_new_ones_and_drops_the_rest()
    {
        var activity = Record(Talk(null, null, new FollowUpPlan("复查", new DateOnly(2026, 10, 14)), new FollowUpPlan("家访", new DateOnly(2026, 10, 20))));
        var kept = activity.FollowUps[0].Id;

        activity.Edit(Talk(null, null, new FollowUpPlan("复查并签字", new DateOnly(2026, 10, 15), kept), new FollowUpPlan("电话联系", new DateOnly(2026, 10, 9))),
            Mentor, Semester, Rights, Today, Now);

        activity.FollowUps.Select(f => f.Action).ShouldBe(["复查并签字", "电话联系"]);
        activity.FollowUps[0].Id.ShouldBe(kept);
        activity.Version.ShouldBe(2);
        activity.EditedAt.ShouldBe(Now);
        activity.DomainEvents.OfType<ActivityEdited>().Single().EditedById.ShouldBe(Mentor);
        Should.Throw<DomainValidationException>(() => activity.Edit(Talk(null, null, new FollowUpPlan("?", new DateOnly(2026, 10, 15), Guid.CreateVersion7())),
            Mentor, Semester, Rights, Today, Now));
    }

    [Fact]
    public void A_deletion_keeps_the_row_and_is_a_fact()
    {
        var activity = Record(Talk());

        activity.Delete(Mentor, Semester, Today, Now);

        (activity.IsDeleted, activity.DeletedAt, activity.DeletedById).ShouldBe((true, (DateTimeOffset?)Now, (Guid?)Mentor));
        activity.DomainEvents.OfType<ActivityDeleted>().Single().StudentIds.ShouldBe([Student]);
        Should.Throw<ConflictException>(() => activity.Delete(Mentor, Semester, Today, Now));
    }

    [Fact]
    public void A_follow_up_is_overdue_after_its_day_until_done()
    {
        var activity = Record(Talk(followUps: new FollowUpPlan("复查", new DateOnly(2026, 10, 8))));
        var followUp = activity.FollowUps.Single();

        followUp.IsOverdueOn(Today).ShouldBeFalse();
        followUp.IsOverdueOn(Today.AddDays(1)).ShouldBeTrue();
    }
}
