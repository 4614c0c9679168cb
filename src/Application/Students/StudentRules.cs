using FluentValidation;
using ValidationException = MentorCloud.Application.Common.Exceptions.ValidationException;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Students;

public static partial class StudentRules
{
    /// <summary>A birth date lies after this day and not after today.</summary>
    public static readonly DateOnly BirthDatesAfter = new(1990, 1, 1);

    public static async Task EnsureClassExistsAsync(this IApplicationDbContext db, Guid classId, CancellationToken cancellationToken)
    {
        if (!await db.Classes.AnyAsync(c => c.Id == classId, cancellationToken))
            throw ValidationException.For("classId", Messages.ClassNotFound);
    }

    public static void AddStudentDetailRules<T>(this AbstractValidator<T> validator, Func<T, string> name, Func<T, Domain.Students.Gender> gender,
        Func<T, DateOnly?> birthDate, Func<T, IReadOnlyList<GuardianDto>?> guardians, TimeProvider clock)
    {
        validator.RuleFor(x => name(x)).ValidName().OverridePropertyName("name");
        validator.RuleFor(x => gender(x)).IsInEnum().OverridePropertyName("gender");
        validator.RuleFor(x => birthDate(x))
            .Must(d => d is null || (d.Value > BirthDatesAfter && d.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage(Messages.BirthDateRange(BirthDatesAfter)).OverridePropertyName("birthDate");
        validator.RuleFor(x => guardians(x)).Must(g => g is null || g.Count <= 6).WithMessage(Messages.AtMostEntries(6)).OverridePropertyName("guardians");
        validator.RuleForEach(x => guardians(x)).SetValidator(new GuardianValidator()).OverridePropertyName("guardians");
    }

    private sealed class GuardianValidator : AbstractValidator<GuardianDto>
    {
        public GuardianValidator()
        {
            RuleFor(g => g.Name).NotEmpty().MaximumLength(50);
            RuleFor(g => g.Relation).NotEmpty().MaximumLength(20);
            RuleFor(g => g.Phone).Matches(PhonePattern()).When(g => !string.IsNullOrWhiteSpace(g.Phone)).WithMessage(Messages.PhoneFormat);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9 -]{4,19}\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();
}
