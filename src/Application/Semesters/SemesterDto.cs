using MentorCloud.Domain.Semesters;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Semesters;

public sealed record SemesterDto(Guid Id, string Label, DateOnly StartsOn, DateOnly EndsOn);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class SemesterMapper
{
    public static partial SemesterDto ToDto(this Semester semester);

    public static partial IQueryable<SemesterDto> ProjectToDto(this IQueryable<Semester> semesters);
}
