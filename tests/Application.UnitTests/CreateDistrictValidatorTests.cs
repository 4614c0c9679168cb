using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Districts.Commands.CreateDistrict;

namespace MentorCloud.Application.UnitTests;

public sealed class CreateDistrictValidatorTests
{
    private static readonly NewAdmin Admin = new("north.admin", "Passw0rd", "区管理员");
    private static readonly CreateDistrictCommand Valid = new("north-1", "北区教育局", Admin);
    private readonly CreateDistrictValidator _validator = new();

    [Fact]
    public void A_complete_district_is_valid() =>
        _validator.FailingFields(Valid).ShouldBeEmpty();

    [Theory]
    [InlineData("North")]
    [InlineData("north 1")]
    [InlineData("north_1")]
    [InlineData("n")]
    [InlineData("")]
    public void Code_must_be_2_to_40_lowercase_letters_digits_or_hyphens(string code) =>
        _validator.FailingFields(Valid with { Code = code }).ShouldBe(["Code"]);

    [Fact]
    public void A_missing_admin_password_is_a_field_error_not_a_crash() =>
        _validator.FailingFields(Valid with { Admin = Admin with { Password = null! } }).ShouldBe(["Admin.Password"]);

    [Fact]
    public void Code_of_40_characters_is_accepted() =>
        _validator.FailingFields(Valid with { Code = new string('a', 40) }).ShouldBeEmpty();

    [Fact]
    public void Code_of_41_characters_is_refused() =>
        _validator.FailingFields(Valid with { Code = new string('a', 41) }).ShouldBe(["Code"]);

    [Fact]
    public void Code_error_explains_the_format()
    {
        using var _ = new UiCulture("en");

        _validator.MessagesFor(Valid with { Code = "North" }, "Code").ShouldBe([Messages.CodeFormat]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string name) =>
        _validator.FailingFields(Valid with { Name = name }).ShouldBe(["Name"]);

    [Fact]
    public void Name_is_at_most_100_characters()
    {
        _validator.FailingFields(Valid with { Name = new string('区', 100) }).ShouldBeEmpty();
        _validator.FailingFields(Valid with { Name = new string('区', 101) }).ShouldBe(["Name"]);
    }

    [Fact]
    public void Admin_is_required() =>
        _validator.FailingFields(Valid with { Admin = null! }).ShouldBe(["Admin"]);

    [Theory]
    [InlineData("abc")]
    [InlineData("first.last@north-1_x")]
    [InlineData("ADMIN01")]
    public void Admin_username_accepts_letters_digits_and_dot_underscore_hyphen_at(string username) =>
        _validator.FailingFields(Valid with { Admin = Admin with { Username = username } }).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("north admin")]
    [InlineData("north/admin")]
    [InlineData("张三丰")]
    public void Admin_username_must_be_3_to_64_allowed_characters(string username) =>
        _validator.FailingFields(Valid with { Admin = Admin with { Username = username } }).ShouldBe(["Admin.Username"]);

    [Fact]
    public void Admin_username_is_at_most_64_characters()
    {
        _validator.FailingFields(Valid with { Admin = Admin with { Username = new string('a', 64) } }).ShouldBeEmpty();
        _validator.FailingFields(Valid with { Admin = Admin with { Username = new string('a', 65) } }).ShouldBe(["Admin.Username"]);
    }

    [Theory]
    [InlineData("abcdefg1")]
    [InlineData("12345678a")]
    [InlineData("Pass word 1")]
    public void Admin_password_with_8_characters_letters_and_digits_is_accepted(string password) =>
        _validator.FailingFields(Valid with { Admin = Admin with { Password = password } }).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("abcdef1")]
    [InlineData("abcdefgh")]
    [InlineData("12345678")]
    [InlineData("!!!!!!!!")]
    public void Admin_password_needs_8_characters_with_letters_and_digits(string password) =>
        _validator.FailingFields(Valid with { Admin = Admin with { Password = password } }).ShouldBe(["Admin.Password"]);

    [Fact]
    public void Admin_password_is_at_most_128_characters()
    {
        _validator.FailingFields(Valid with { Admin = Admin with { Password = "a1" + new string('x', 126) } }).ShouldBeEmpty();
        _validator.FailingFields(Valid with { Admin = Admin with { Password = "a1" + new string('x', 127) } }).ShouldBe(["Admin.Password"]);
    }

    [Fact]
    public void Admin_password_error_states_the_policy()
    {
        using var _ = new UiCulture("en");

        _validator.MessagesFor(Valid with { Admin = Admin with { Password = "abcdefgh" } }, "Admin.Password").ShouldBe([Messages.PasswordPolicy]);
    }

    [Fact]
    public void Admin_display_name_is_required() =>
        _validator.FailingFields(Valid with { Admin = Admin with { DisplayName = " " } }).ShouldBe(["Admin.DisplayName"]);

    [Fact]
    public void Every_failing_field_is_reported_at_once() =>
        _validator.FailingFields(new CreateDistrictCommand("North", "", new NewAdmin("x", "short", "")))
            .ShouldBe(["Admin.DisplayName", "Admin.Password", "Admin.Username", "Code", "Name"]);
}
