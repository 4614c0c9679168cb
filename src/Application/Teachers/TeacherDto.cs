using MentorCloud.Domain.Teachers;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Teachers;

public sealed record TeacherDto(Guid Id, string Name, string EmployeeNo, IReadOnlyList<string> Subjects, bool IsActive);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TeacherMapper
{
    public static partial TeacherDto ToDto(this Teacher teacher);

    public static partial IQueryable<TeacherDto> ProjectToDto(this IQueryable<Teacher> teachers);
}
