using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Schools.Commands.OnboardSchool;

namespace MentorCloud.Application.UnitTests;

public sealed class OnboardSchoolValidatorTests
{
    private static readonly OnboardSchoolCommand Valid =
        new("north-1", "first-middle", "第一中学", new NewAdmin("first.admin", "Passw0rd", "校管理员"), null);

    [Fact]
    public void A_school_in_the_shared_database_is_valid() =>
        new OnboardSchoolValidator(new FakeTenantProvisioner()).FailingFields(Valid).ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Connection_string_is_not_checked_when_absent(string? connectionString)
    {
        var provisioner = new FakeTenantProvisioner(acceptsConnectionStrings: false);

        new OnboardSchoolValidator(provisioner).FailingFields(Valid with { ConnectionString = connectionString }).ShouldBeEmpty();

        provisioner.Checked.ShouldBeEmpty();
    }

    [Fact]
    public void Connection_string_is_checked_by_the_provisioner_when_given()
    {
        var provisioner = new FakeTenantProvisioner(acceptsConnectionStrings: true);

        new OnboardSchoolValidator(provisioner).FailingFields(Valid with { ConnectionString = "Data Source=first.db" }).ShouldBeEmpty();

        provisioner.Checked.ShouldBe(["Data Source=first.db"]);
    }

    [Fact]
    public void Connection_string_the_provisioner_cannot_read_is_refused()
    {
        using var _ = new UiCulture("en");
        var validator = new OnboardSchoolValidator(new FakeTenantProvisioner(acceptsConnectionStrings: false));
        var command = Valid with { ConnectionString = "not a connection string" };

        validator.FailingFields(command).ShouldBe(["ConnectionString"]);
        validator.MessagesFor(command, "ConnectionString").ShouldBe([Messages.ConnectionStringInvalid]);
    }

    [Fact]
    public void Connection_string_is_at_most_1000_characters()
    {
        var validator = new OnboardSchoolValidator(new FakeTenantProvisioner());

        validator.FailingFields(Valid with { ConnectionString = new string('x', 1000) }).ShouldBeEmpty();
        validator.FailingFields(Valid with { ConnectionString = new string('x', 1001) }).ShouldBe(["ConnectionString"]);
    }

    [Theory]
    [InlineData("First-Middle")]
    [InlineData("first middle")]
    [InlineData("first_middle")]
    [InlineData("f")]
    public void Code_must_be_a_valid_code(string code) =>
        new OnboardSchoolValidator(new FakeTenantProvisioner()).FailingFields(Valid with { Code = code }).ShouldBe(["Code"]);

    [Fact]
    public void Name_is_required() =>
        new OnboardSchoolValidator(new FakeTenantProvisioner()).FailingFields(Valid with { Name = "" }).ShouldBe(["Name"]);

    [Fact]
    public void Admin_is_required() =>
        new OnboardSchoolValidator(new FakeTenantProvisioner()).FailingFields(Valid with { Admin = null! }).ShouldBe(["Admin"]);

    [Fact]
    public void Admin_account_follows_the_account_rules() =>
        new OnboardSchoolValidator(new FakeTenantProvisioner())
            .FailingFields(Valid with { Admin = new NewAdmin("a b", "password", "") })
            .ShouldBe(["Admin.DisplayName", "Admin.Password", "Admin.Username"]);
}
