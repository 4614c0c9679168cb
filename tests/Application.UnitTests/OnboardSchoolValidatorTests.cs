using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Schools.Commands.OnboardSchool;

namespace MentorCloud.Application.UnitTests;

public sealed class OnboardSchoolValidatorTests
{
    private static readonly OnboardSchoolCommand Valid =
        new("north-1", "first-middle", "第一中学", new NewAdmin("first.admin", "Passw0rd", "校管理员"), null);

    private readonly OnboardSchoolValidator _validator = new();

    [Fact]
    public void A_school_in_the_shared_database_is_valid() => _validator.FailingFields(Valid).ShouldBeEmpty();

    [Fact]
    public void A_school_on_a_named_server_is_valid() =>
        _validator.FailingFields(Valid with { DatabaseServer = "primary" }).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Database_server_given_must_name_something(string server) =>
        _validator.FailingFields(Valid with { DatabaseServer = server }).ShouldBe(["DatabaseServer"]);

    [Fact]
    public void Database_server_name_is_at_most_100_characters()
    {
        _validator.FailingFields(Valid with { DatabaseServer = new string('x', OnboardSchoolValidator.MaxDatabaseServerLength) }).ShouldBeEmpty();
        _validator.FailingFields(Valid with { DatabaseServer = new string('x', OnboardSchoolValidator.MaxDatabaseServerLength + 1) }).ShouldBe(["DatabaseServer"]);
    }

    [Theory]
    [InlineData("First-Middle")]
    [InlineData("first middle")]
    [InlineData("first_middle")]
    [InlineData("f")]
    public void Code_must_be_a_valid_code(string code) =>
        _validator.FailingFields(Valid with { Code = code }).ShouldBe(["Code"]);

    [Fact]
    public void Name_is_required() => _validator.FailingFields(Valid with { Name = "" }).ShouldBe(["Name"]);

    [Fact]
    public void Admin_is_required() => _validator.FailingFields(Valid with { Admin = null! }).ShouldBe(["Admin"]);

    [Fact]
    public void Admin_account_follows_the_account_rules() =>
        _validator.FailingFields(Valid with { Admin = new NewAdmin("a b", "password", "") })
            .ShouldBe(["Admin.DisplayName", "Admin.Password", "Admin.Username"]);

    [Theory]
    [InlineData("first-middle", "mc_first_middle")]
    [InlineData("no-1-high", "mc_no_1_high")]
    [InlineData("abc", "mc_abc")]
    public void A_dedicated_database_is_named_after_the_school_code_with_only_letters_digits_and_underscores(string code, string database)
    {
        DedicatedDatabase.NameFor(code).ShouldBe(database);
        DedicatedDatabase.NameFor(code).ShouldMatch("^[a-z0-9_]+$");
    }
}
