using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;

namespace MentorCloud.Domain.UnitTests;

public sealed class PolicyLimitsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(15, 5)]
    [InlineData(8, 3)]
    public void Ceilings_within_the_specification_bounds_are_accepted(int students, int mentors)
    {
        var limits = PolicyLimits.Create(students, mentors);

        limits.MaxStudentsPerMentorCeiling.ShouldBe(students);
        limits.MaxMentorsPerStudentCeiling.ShouldBe(mentors);
    }

    [Fact]
    public void Null_ceilings_are_allowed() =>
        PolicyLimits.Create(null, null).ShouldBe(PolicyLimits.None);

    [Fact]
    public void One_ceiling_may_be_set_without_the_other()
    {
        PolicyLimits.Create(10, null).ShouldBe(new PolicyLimits(10, null));
        PolicyLimits.Create(null, 2).ShouldBe(new PolicyLimits(null, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(16)]
    public void Students_per_mentor_ceiling_must_be_between_1_and_15(int students)
    {
        var ex = Should.Throw<DomainValidationException>(() => PolicyLimits.Create(students, null));

        ex.Field.ShouldBe("maxStudentsPerMentorCeiling");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]
    public void Mentors_per_student_ceiling_must_be_between_1_and_5(int mentors)
    {
        var ex = Should.Throw<DomainValidationException>(() => PolicyLimits.Create(null, mentors));

        ex.Field.ShouldBe("maxMentorsPerStudentCeiling");
    }

    [Fact]
    public void District_ceilings_may_reach_15_students_and_5_mentors_but_not_16_or_6()
    {
        PolicyLimits.Create(15, 5).ShouldBe(new PolicyLimits(15, 5));
        Should.Throw<DomainValidationException>(() => PolicyLimits.Create(16, 5)).Field.ShouldBe("maxStudentsPerMentorCeiling");
        Should.Throw<DomainValidationException>(() => PolicyLimits.Create(15, 6)).Field.ShouldBe("maxMentorsPerStudentCeiling");
    }

    [Fact]
    public void Without_district_ceilings_a_school_may_set_15_students_per_mentor_but_not_16_R3()
    {
        Should.NotThrow(() => (PolicySettings.Default with { MaxStudentsPerMentor = 15 }).EnsureWithin(PolicyLimits.None));

        Should.Throw<RuleViolationException>(() => (PolicySettings.Default with { MaxStudentsPerMentor = 16 }).EnsureWithin(PolicyLimits.None))
            .Rule.ShouldBe("R3");
    }

    [Fact]
    public void Without_district_ceilings_a_school_may_set_5_mentors_per_student_but_not_6_R14()
    {
        Should.NotThrow(() => (PolicySettings.Default with { MaxMentorsPerStudent = 5 }).EnsureWithin(PolicyLimits.None));

        Should.Throw<RuleViolationException>(() => (PolicySettings.Default with { MaxMentorsPerStudent = 6 }).EnsureWithin(PolicyLimits.None))
            .Rule.ShouldBe("R14");
    }

    [Fact]
    public void A_district_ceiling_below_the_bound_is_the_limit_a_school_may_reach()
    {
        var limits = PolicyLimits.Create(10, 2);

        Should.NotThrow(() => (PolicySettings.Default with { MaxStudentsPerMentor = 10, MaxMentorsPerStudent = 2 }).EnsureWithin(limits));
        Should.Throw<RuleViolationException>(() => (PolicySettings.Default with { MaxStudentsPerMentor = 11, MaxMentorsPerStudent = 2 }).EnsureWithin(limits))
            .Rule.ShouldBe("R3");
        Should.Throw<RuleViolationException>(() => (PolicySettings.Default with { MaxStudentsPerMentor = 10, MaxMentorsPerStudent = 3 }).EnsureWithin(limits))
            .Rule.ShouldBe("R14");
    }

    [Fact]
    public void None_has_no_ceilings()
    {
        PolicyLimits.None.MaxStudentsPerMentorCeiling.ShouldBeNull();
        PolicyLimits.None.MaxMentorsPerStudentCeiling.ShouldBeNull();
    }
}
