using MentorCloud.Domain.Teachers;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Teachers;

/// <summary>A teacher; <c>classIds</c> are the classes they teach.</summary>
public sealed record TeacherDto(Guid Id, string Name, string EmployeeNo, IReadOnlyList<string> Subjects, IReadOnlyList<Guid> ClassIds, bool IsActive);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TeacherMapper
{
    public static partial TeacherDto ToDto(this Teacher teacher);

    public static partial IQueryable<TeacherDto> ProjectToDto(this IQueryable<Teacher> teachers);
}
