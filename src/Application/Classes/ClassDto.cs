using MentorCloud.Domain.Classes;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Classes;

public sealed record ClassDto(Guid Id, string Name, int Grade, int SchoolYear, Guid HeadTeacherId);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ClassMapper
{
    public static partial ClassDto ToDto(this SchoolClass schoolClass);

    public static partial IQueryable<ClassDto> ProjectToDto(this IQueryable<SchoolClass> classes);
}
