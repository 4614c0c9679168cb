using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.UnitTests;

public sealed class CodeTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("north-1")]
    [InlineData("school-2025")]
    [InlineData("42")]
    [InlineData("a-b-c")]
    public void Code_accepts_lowercase_letters_digits_and_hyphens(string value) =>
        Code.IsValid(value).ShouldBeTrue();

    [Fact]
    public void Code_accepts_exactly_2_characters() =>
        Code.IsValid(new string('a', Code.MinLength)).ShouldBeTrue();

    [Fact]
    public void Code_accepts_exactly_40_characters() =>
        Code.IsValid(new string('a', Code.MaxLength)).ShouldBeTrue();

    [Fact]
    public void Code_rejects_a_single_character() =>
        Code.IsValid(new string('a', Code.MinLength - 1)).ShouldBeFalse();

    [Fact]
    public void Code_rejects_41_characters() =>
        Code.IsValid(new string('a', Code.MaxLength + 1)).ShouldBeFalse();

    [Theory]
    [InlineData("North")]
    [InlineData("NORTH-1")]
    [InlineData("nOrth")]
    public void Code_rejects_uppercase_letters(string value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Theory]
    [InlineData("north school")]
    [InlineData(" north")]
    [InlineData("north ")]
    public void Code_rejects_spaces(string value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Theory]
    [InlineData("north\n")]
    [InlineData("north\r\n")]
    [InlineData("\nnorth")]
    public void Code_rejects_line_breaks_even_at_the_end(string value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Theory]
    [InlineData("north_school")]
    [InlineData("__")]
    public void Code_rejects_underscores(string value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Theory]
    [InlineData("north.1")]
    [InlineData("north/1")]
    [InlineData("学校")]
    [InlineData("école")]
    public void Code_rejects_other_characters(string value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Code_rejects_null_and_empty(string? value) =>
        Code.IsValid(value).ShouldBeFalse();

    [Fact]
    public void Ensure_returns_a_valid_code_unchanged() =>
        Code.Ensure("north-1", "code").ShouldBe("north-1");

    [Fact]
    public void Ensure_throws_DomainValidationException_naming_the_field()
    {
        var ex = Should.Throw<DomainValidationException>(() => Code.Ensure("Bad Code", "districtCode"));

        ex.Field.ShouldBe("districtCode");
        ex.Message.ShouldContain("Bad Code");
    }
}
