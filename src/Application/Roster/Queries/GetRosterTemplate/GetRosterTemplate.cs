using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Roster.Queries.GetRosterTemplate;

/// <summary>The roster workbook to fill in: sheets teachers, classes and students with bilingual headers and one example row each.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetRosterTemplateQuery : IQuery<RosterTemplateFile>, ISchoolRequest;

public sealed record RosterTemplateFile(byte[] Content, string ContentType, string FileName)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public sealed class GetRosterTemplateHandler(IRosterTemplateWriter writer) : IQueryHandler<GetRosterTemplateQuery, RosterTemplateFile>
{
    public ValueTask<RosterTemplateFile> Handle(GetRosterTemplateQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RosterTemplateFile(writer.WriteTemplate(), RosterTemplateFile.XlsxContentType, "roster-template.xlsx"));
}
