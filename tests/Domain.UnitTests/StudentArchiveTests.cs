using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.UnitTests;

public sealed class StudentArchiveTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly ArchiveAuthor Mentor = new(Guid.CreateVersion7(), "王老师");

    private static StudentArchive WithConsent(ConsentScope scopes)
    {
        var archive = new StudentArchive(Guid.CreateVersion7(), Now);
        archive.RecordConsent("李母", "母亲", new DateOnly(2026, 9, 1), ConsentMethod.Paper, scopes, null, Now);
        return archive;
    }

    [Fact]
    public void Every_write_is_a_new_version_of_the_archive_and_a_fact_for_the_audit_log()
    {
        var archive = WithConsent(ConsentScope.Archive | ConsentScope.SensitiveSections);

        var first = archive.Write(ArchiveSection.Morals, "{}", Mentor, Now, consentRequired: true);
        var second = archive.Write(ArchiveSection.Family, "mc1.k.x", Mentor, Now, consentRequired: true);

        (first.Version, second.Version, archive.Version).ShouldBe((1, 2, 2));
        second.AuthorId.ShouldBe(Mentor.UserId);
        archive.DomainEvents.OfType<ArchiveSectionWritten>().Select(e => (e.Section, e.Version))
            .ShouldBe([(ArchiveSection.Morals, 1), (ArchiveSection.Family, 2)]);
    }

    [Theory]
    [InlineData(ArchiveSection.Family, ConsentScope.Archive)]
    [InlineData(ArchiveSection.Health, ConsentScope.Archive | ConsentScope.Goals)]
    [InlineData(ArchiveSection.Psychology, ConsentScope.Archive)]
    [InlineData(ArchiveSection.Morals, ConsentScope.SensitiveSections)]
    public void A_write_needs_a_consent_covering_its_section_R8(ArchiveSection section, ConsentScope scopes)
    {
        var archive = WithConsent(scopes);

        Should.Throw<RuleViolationException>(() => archive.Write(section, "{}", Mentor, Now, consentRequired: true)).Rule.ShouldBe("R8");
        archive.Version.ShouldBe(0);
        Should.NotThrow(() => archive.Write(section, "{}", Mentor, Now, consentRequired: false));
    }

    [Fact]
    public void A_withdrawn_consent_stops_writes_and_a_new_one_replaces_the_one_in_force()
    {
        var archive = WithConsent(ConsentScope.Archive | ConsentScope.Goals);
        archive.RecordConsent("李父", "父亲", new DateOnly(2026, 9, 2), ConsentMethod.Online, ConsentScope.Archive, null, Now.AddMinutes(1));
        archive.Consents.Count(c => c.IsInForce).ShouldBe(1);
        archive.ConsentInForce!.GuardianName.ShouldBe("李父");
        Should.Throw<RuleViolationException>(() => archive.SetGoal(GoalKind.Stage, "早睡早起", null, Mentor, Now, consentRequired: true));

        archive.WithdrawConsent(null, Now.AddMinutes(2));

        archive.ConsentInForce.ShouldBeNull();
        Should.Throw<RuleViolationException>(() => archive.Write(ArchiveSection.Habits, "{}", Mentor, Now, consentRequired: true));
        Should.Throw<ConflictException>(() => archive.WithdrawConsent(null, Now));
    }

    [Fact]
    public void Erasing_removes_versions_and_goals_keeps_consents_and_moves_the_version()
    {
        var archive = WithConsent(ConsentScope.Archive | ConsentScope.Goals);
        archive.Write(ArchiveSection.Habits, "{}", Mentor, Now, consentRequired: true);
        archive.SetGoal(GoalKind.LongTerm, "考上重点高中", null, Mentor, Now, consentRequired: true);

        archive.Erase("家长撤回同意", Mentor, Now);

        archive.Goals.ShouldBeEmpty();
        archive.Consents.Count.ShouldBe(1);
        archive.Version.ShouldBe(2);
        archive.ErasedAt.ShouldBe(Now);
        archive.DomainEvents.OfType<ArchiveErased>().Single().ShouldBe(new ArchiveErased(archive.StudentId, "家长撤回同意", 1, 1, Mentor));
        Should.Throw<DomainValidationException>(() => archive.Erase(" ", Mentor, Now));
    }

    [Fact]
    public void A_goal_changes_status_and_collects_progress_notes()
    {
        var archive = WithConsent(ConsentScope.Goals);
        var goal = archive.SetGoal(GoalKind.Stage, "每天阅读半小时", new DateOnly(2027, 1, 15), Mentor, Now, consentRequired: true);

        archive.UpdateGoal(goal.Id, null, "坚持了两周", Mentor, Now.AddDays(14), consentRequired: true);
        archive.UpdateGoal(goal.Id, GoalStatus.Achieved, null, Mentor, Now.AddDays(30), consentRequired: true);

        goal.Status.ShouldBe(GoalStatus.Achieved);
        goal.ProgressNotes.Select(n => n.Text).ShouldBe(["坚持了两周"]);
        goal.UpdatedAt.ShouldBe(Now.AddDays(30));
        Should.Throw<DomainValidationException>(() => archive.UpdateGoal(goal.Id, null, " ", Mentor, Now, consentRequired: true));
    }

    [Theory]
    [InlineData(ArchiveSection.Family, true)]
    [InlineData(ArchiveSection.Health, true)]
    [InlineData(ArchiveSection.Psychology, true)]
    [InlineData(ArchiveSection.Academics, false)]
    [InlineData(ArchiveSection.Morals, false)]
    public void Family_health_and_psychology_are_the_sections_encrypted_at_rest(ArchiveSection section, bool encrypted) =>
        section.IsEncryptedAtRest().ShouldBe(encrypted);
}
