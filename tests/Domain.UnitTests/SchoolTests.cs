using MentorCloud.Domain.Common;
using MentorCloud.Domain.Schools;

namespace MentorCloud.Domain.UnitTests;

public sealed class SchoolTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid DistrictId = Guid.CreateVersion7();

    [Fact]
    public void School_keeps_its_district_code_name_and_creation_time()
    {
        var school = new School(DistrictId, "first-middle", "第一中学", null, Now);

        school.DistrictId.ShouldBe(DistrictId);
        school.Code.ShouldBe("first-middle");
        school.Name.ShouldBe("第一中学");
        school.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void School_trims_its_name() =>
        new School(DistrictId, "first-middle", "  First Middle School  ", null, Now).Name.ShouldBe("First Middle School");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void School_rejects_a_blank_name(string? name)
    {
        var ex = Should.Throw<DomainValidationException>(() => new School(DistrictId, "first-middle", name!, null, Now));

        ex.Field.ShouldBe("name");
    }

    [Theory]
    [InlineData("First")]
    [InlineData("first middle")]
    [InlineData("first_middle")]
    [InlineData("f")]
    public void School_rejects_a_bad_code(string code)
    {
        var ex = Should.Throw<DomainValidationException>(() => new School(DistrictId, code, "First", null, Now));

        ex.Field.ShouldBe("code");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void School_without_a_connection_string_stays_in_the_shared_database(string? connectionString) =>
        new School(DistrictId, "first-middle", "First", connectionString, Now).ConnectionString.ShouldBeNull();

    [Fact]
    public void School_keeps_a_dedicated_connection_string() =>
        new School(DistrictId, "first-middle", "First", "Data Source=first.db", Now).ConnectionString.ShouldBe("Data Source=first.db");
}
