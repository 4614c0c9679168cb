using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;

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
    public void Specification_bounds_are_15_students_and_5_mentors()
    {
        SchoolPolicyBounds.MaxStudentsPerMentor.ShouldBe(15);
        SchoolPolicyBounds.MaxMentorsPerStudent.ShouldBe(5);
    }

    [Fact]
    public void None_has_no_ceilings()
    {
        PolicyLimits.None.MaxStudentsPerMentorCeiling.ShouldBeNull();
        PolicyLimits.None.MaxMentorsPerStudentCeiling.ShouldBeNull();
    }
}
