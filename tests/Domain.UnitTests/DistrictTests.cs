using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Domain.UnitTests;

public sealed class DistrictTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void District_keeps_its_code_name_and_creation_time()
    {
        var district = new District("north-1", "北区教育局", Now);

        district.Code.ShouldBe("north-1");
        district.Name.ShouldBe("北区教育局");
        district.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void District_trims_its_name() =>
        new District("north-1", "  North District \t", Now).Name.ShouldBe("North District");

    [Fact]
    public void District_starts_without_policy_ceilings() =>
        new District("north-1", "North", Now).Limits.ShouldBe(PolicyLimits.None);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(null)]
    public void District_rejects_a_blank_name(string? name)
    {
        var ex = Should.Throw<DomainValidationException>(() => new District("north-1", name!, Now));

        ex.Field.ShouldBe("name");
    }

    [Theory]
    [InlineData("North")]
    [InlineData("north district")]
    [InlineData("north_1")]
    [InlineData("n")]
    [InlineData("")]
    public void District_rejects_a_bad_code(string code)
    {
        var ex = Should.Throw<DomainValidationException>(() => new District(code, "North", Now));

        ex.Field.ShouldBe("code");
    }

    [Fact]
    public void District_checks_its_code_before_its_name()
    {
        var ex = Should.Throw<DomainValidationException>(() => new District("Bad", " ", Now));

        ex.Field.ShouldBe("code");
    }

    [Fact]
    public void District_takes_new_policy_ceilings()
    {
        var district = new District("north-1", "North", Now);
        var limits = PolicyLimits.Create(12, 2);

        district.SetLimits(limits);

        district.Limits.ShouldBe(new PolicyLimits(12, 2));
    }
}
