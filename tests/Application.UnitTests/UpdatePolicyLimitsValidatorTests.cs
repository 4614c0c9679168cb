using MentorCloud.Application.Districts.Commands.UpdatePolicyLimits;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Application.UnitTests;

public sealed class UpdatePolicyLimitsValidatorTests
{
    private readonly UpdatePolicyLimitsValidator _validator = new();

    [Theory]
    [InlineData(null, null)]
    [InlineData(1, 1)]
    [InlineData(15, 5)]
    [InlineData(10, null)]
    [InlineData(null, 2)]
    public void Ceilings_within_bounds_or_absent_are_valid(int? students, int? mentors) =>
        _validator.FailingFields(new UpdatePolicyLimitsCommand("north-1", students, mentors)).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(16)]
    public void Students_per_mentor_ceiling_must_be_between_1_and_15(int students) =>
        _validator.FailingFields(new UpdatePolicyLimitsCommand("north-1", students, null)).ShouldBe(["MaxStudentsPerMentorCeiling"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]
    public void Mentors_per_student_ceiling_must_be_between_1_and_5(int mentors) =>
        _validator.FailingFields(new UpdatePolicyLimitsCommand("north-1", null, mentors)).ShouldBe(["MaxMentorsPerStudentCeiling"]);

    [Fact]
    public void Validator_accepts_exactly_the_ceilings_the_domain_accepts()
    {
        for (var value = -2; value <= 20; value++)
        {
            var command = new UpdatePolicyLimitsCommand("north-1", value, value);
            var domainAccepts = DomainAccepts(() => PolicyLimits.Create(value, null)) && DomainAccepts(() => PolicyLimits.Create(null, value));

            _validator.Validate(command).IsValid.ShouldBe(domainAccepts, $"ceiling {value}");
        }
    }

    private static bool DomainAccepts(Action create)
    {
        try
        {
            create();
            return true;
        }
        catch (DomainValidationException)
        {
            return false;
        }
    }
}
