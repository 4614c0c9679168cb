using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.UnitTests;

// Request types used only to drive the behaviours directly; no handler or generated mediator is involved.

[RequiresRole(Roles.PlatformAdmin, Roles.DistrictAdmin)]
internal sealed record AdminCommand(string Name) : ICommand<string>;

[AnyAuthenticatedUser]
internal sealed record AnyUserQuery : IQuery<string>;

[AllowAnonymousRequest]
internal sealed record AnonymousQuery : IQuery<string>;

internal sealed record UndeclaredQuery : IQuery<string>;

[RequiresRole(Roles.SchoolAdmin)]
internal sealed record SchoolQuery : IQuery<string>, ISchoolRequest;

[RequiresRole(Roles.System)]
internal sealed record BackgroundCommand : ICommand<string>, ISchoolRequest;

[RequiresRole(Roles.Teacher)]
internal sealed record CreateNoteCommand(Guid StudentId, string Text) : ICommand<NoteCreated>, IIdempotentRequest;

internal sealed record NoteCreated(Guid Id, string Text, DateOnly On);
