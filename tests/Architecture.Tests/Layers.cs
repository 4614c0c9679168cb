using System.Reflection;
using MentorCloud.Domain.Common;

namespace MentorCloud.Architecture.Tests;

internal static class Layers
{
    public static readonly Assembly Domain = typeof(Entity).Assembly;
    public static readonly Assembly Application = typeof(MentorCloud.Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(MentorCloud.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly WebApi = typeof(MentorCloud.WebApi.Infrastructure.WebServices).Assembly;

    public static readonly IReadOnlyList<Assembly> All = [Domain, Application, Infrastructure, WebApi];

    public static IReadOnlyList<Type> AllTypes => [.. All.SelectMany(a => a.GetTypes())];
}
