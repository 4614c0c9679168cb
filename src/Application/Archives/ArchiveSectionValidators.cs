using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Archives;

/// <summary>Lengths every section keeps to: short fields, long analyses and notes, bounded lists.</summary>
public static class ArchiveLimits
{
    public const int Name = 50;
    public const int Brief = 200;
    public const int Text = 2000;
    public const int Notes = 4000;
    public const int ListItems = 30;
    public const int AcademicResults = 200;
}

internal static class ArchiveRules
{
    public static IRuleBuilderOptions<T, string?> ShortText<T>(this IRuleBuilder<T, string?> rule) => rule.MaximumLength(ArchiveLimits.Brief);
    public static IRuleBuilderOptions<T, string?> LongText<T>(this IRuleBuilder<T, string?> rule) => rule.MaximumLength(ArchiveLimits.Text);
    public static IRuleBuilderOptions<T, string?> Notes<T>(this IRuleBuilder<T, string?> rule) => rule.MaximumLength(ArchiveLimits.Notes);

    public static void Words<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> list)
    {
        validator.RuleFor(list).Must(l => l is null || l.Count() <= ArchiveLimits.ListItems).WithMessage(Messages.AtMostEntries(ArchiveLimits.ListItems));
        validator.RuleForEach(list!).NotEmpty().MaximumLength(ArchiveLimits.Name);
    }
}

public sealed class FamilySectionValidator : AbstractValidator<FamilySection>
{
    public FamilySectionValidator()
    {
        RuleFor(x => x.Structure).IsInEnum();
        RuleFor(x => x.Guardians).Must(l => l is null || l.Count <= 10).WithMessage(new LocalizedText("监护人最多 10 名。", "At most 10 guardians."));
        RuleForEach(x => x.Guardians).ChildRules(g =>
        {
            g.RuleFor(m => m.Name).NotEmpty().MaximumLength(ArchiveLimits.Name);
            g.RuleFor(m => m.Relation).NotEmpty().MaximumLength(20);
            g.RuleFor(m => m.Occupation).MaximumLength(ArchiveLimits.Name);
            g.RuleFor(m => m.Phone).MaximumLength(20);
        });
        RuleFor(x => x.Analysis).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class HealthSectionValidator : AbstractValidator<HealthSection>
{
    public HealthSectionValidator()
    {
        RuleFor(x => x.Conditions).LongText();
        RuleFor(x => x.Allergies).ShortText();
        RuleFor(x => x.Medication).ShortText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class PersonalitySectionValidator : AbstractValidator<PersonalitySection>
{
    public PersonalitySectionValidator()
    {
        this.Words(x => x.Traits);
        RuleFor(x => x.Strengths).LongText();
        RuleFor(x => x.Challenges).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class InterestsSectionValidator : AbstractValidator<InterestsSection>
{
    public InterestsSectionValidator()
    {
        this.Words(x => x.Hobbies);
        RuleFor(x => x.Talents).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class MoralsSectionValidator : AbstractValidator<MoralsSection>
{
    public MoralsSectionValidator()
    {
        RuleFor(x => x.Assessment).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class HabitsSectionValidator : AbstractValidator<HabitsSection>
{
    public HabitsSectionValidator()
    {
        RuleFor(x => x.Strengths).LongText();
        RuleFor(x => x.Concerns).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class PsychologySectionValidator : AbstractValidator<PsychologySection>
{
    public PsychologySectionValidator()
    {
        RuleFor(x => x.State).ShortText();
        RuleFor(x => x.Concerns).LongText();
        RuleFor(x => x.Support).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class AcademicsSectionValidator : AbstractValidator<AcademicsSection>
{
    public AcademicsSectionValidator()
    {
        RuleFor(x => x.Results).Must(l => l is null || l.Count <= ArchiveLimits.AcademicResults)
            .WithMessage(new LocalizedText($"学业成绩最多 {ArchiveLimits.AcademicResults} 条。", $"At most {ArchiveLimits.AcademicResults} results."));
        RuleForEach(x => x.Results).ChildRules(r =>
        {
            r.RuleFor(a => a.Subject).NotEmpty().MaximumLength(30);
            r.RuleFor(a => a.Term).NotEmpty().MaximumLength(30);
            r.RuleFor(a => a.Score).InclusiveBetween(0, 1000);
            r.RuleFor(a => a.Level).MaximumLength(20);
            r.RuleFor(a => a).Must(a => a.Score is not null || !string.IsNullOrWhiteSpace(a.Level))
                .WithName("score").WithMessage(new LocalizedText("每条成绩须填写分数或等级。", "A result has a score or a level."));
            r.RuleFor(a => a.Comment).MaximumLength(ArchiveLimits.Brief);
        });
        RuleFor(x => x.Notes).Notes();
    }
}

public sealed class DifficultiesSectionValidator : AbstractValidator<DifficultiesSection>
{
    public DifficultiesSectionValidator()
    {
        RuleFor(x => x.Thought).LongText();
        RuleFor(x => x.Study).LongText();
        RuleFor(x => x.Life).LongText();
        RuleFor(x => x.Notes).Notes();
    }
}
