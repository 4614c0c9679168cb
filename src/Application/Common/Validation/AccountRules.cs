using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Validation;

/// <summary>Field rules shared by every request that names a code or creates a login.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    public static IRuleBuilderOptions<T, string> ValidCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(Code.IsValid).WithMessage(Messages.CodeFormat);

    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(UsernamePattern()).WithMessage(Messages.UsernameFormat);

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(MeetsPasswordPolicy).WithMessage(Messages.PasswordPolicy);

    /// <summary>The password policy: 8–128 characters with at least one letter and one digit; a missing password meets nothing.</summary>
    public static bool MeetsPasswordPolicy(string? password) =>
        password?.Length is >= MinPasswordLength and <= MaxPasswordLength && password.Any(char.IsLetter) && password.Any(char.IsDigit);

    public static IRuleBuilderOptions<T, string> ValidName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(100);

    /// <summary>An employee or student number: 1–32 letters, digits or '-'.</summary>
    public static IRuleBuilderOptions<T, string> ValidNumber<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(NumberPattern()).WithMessage(Messages.NumberFormat);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,32}\\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._@-]{3,64}\\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex UsernamePattern();
}

/// <summary>The first administrator of a new district or school.</summary>
public sealed record NewAdmin(string Username, string Password, string DisplayName);

public sealed class NewAdminValidator : AbstractValidator<NewAdmin>
{
    public NewAdminValidator()
    {
        RuleFor(x => x.Username).ValidUsername();
        RuleFor(x => x.Password).ValidPassword();
        RuleFor(x => x.DisplayName).ValidName();
    }
}

public sealed class NewAccountValidator : AbstractValidator<Interfaces.NewAccount>
{
    public NewAccountValidator()
    {
        RuleFor(x => x.Username).ValidUsername();
        RuleFor(x => x.Password).ValidPassword();
    }
}
