using MentorCloud.Application.Auth.Commands.IssueToken;

namespace MentorCloud.Application.UnitTests;

public sealed class IssueTokenValidatorTests
{
    private readonly IssueTokenValidator _validator = new();

    [Fact]
    public void Username_and_password_are_enough() =>
        _validator.FailingFields(new IssueTokenCommand("north.admin", "Passw0rd", "192.0.2.1")).ShouldBeEmpty();

    [Fact]
    public void Sign_in_does_not_apply_the_password_policy() =>
        _validator.FailingFields(new IssueTokenCommand("north.admin", "x", "192.0.2.1")).ShouldBeEmpty();

    [Theory]
    [InlineData("", "Passw0rd", "Username")]
    [InlineData("north.admin", "", "Password")]
    public void Username_and_password_are_required(string username, string password, string field) =>
        _validator.FailingFields(new IssueTokenCommand(username, password, "192.0.2.1")).ShouldBe([field]);

    [Fact]
    public void Missing_credentials_report_both_fields() =>
        _validator.FailingFields(new IssueTokenCommand("", "", "192.0.2.1")).ShouldBe(["Password", "Username"]);

    [Fact]
    public void Username_is_at_most_64_characters()
    {
        _validator.FailingFields(new IssueTokenCommand(new string('a', 64), "Passw0rd", "192.0.2.1")).ShouldBeEmpty();
        _validator.FailingFields(new IssueTokenCommand(new string('a', 65), "Passw0rd", "192.0.2.1")).ShouldBe(["Username"]);
    }

    [Fact]
    public void Password_is_at_most_128_characters()
    {
        _validator.FailingFields(new IssueTokenCommand("north.admin", new string('p', 128), "192.0.2.1")).ShouldBeEmpty();
        _validator.FailingFields(new IssueTokenCommand("north.admin", new string('p', 129), "192.0.2.1")).ShouldBe(["Password"]);
    }
}
