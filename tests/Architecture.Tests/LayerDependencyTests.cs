namespace MentorCloud.Architecture.Tests;

public sealed class LayerDependencyTests
{
    internal static readonly string[] ForbiddenInDomain =
    [
        "MentorCloud.Application", "MentorCloud.Infrastructure", "MentorCloud.WebApi",
        "Microsoft.EntityFrameworkCore", "Mediator", "FluentValidation", "Riok.Mapperly",
        "Microsoft.Extensions", "Microsoft.AspNetCore", "Hangfire",
    ];

    [Fact]
    public void Domain_uses_no_other_layer_and_no_package_namespace() =>
        ArchitectureRules.TypesDependingOn(Layers.Domain, ForbiddenInDomain).ShouldBeEmpty();

    [Fact]
    public void Domain_references_only_the_base_runtime() =>
        ArchitectureRules.ReferencesOutsideTheBaseRuntime(Layers.Domain).ShouldBeEmpty();

    [Fact]
    public void Application_does_not_depend_on_Infrastructure_or_WebApi()
    {
        ArchitectureRules.TypesDependingOn(Layers.Application, "MentorCloud.Infrastructure", "MentorCloud.WebApi").ShouldBeEmpty();
        ArchitectureRules.ReferencedAssemblyNames(Layers.Application).ShouldNotContain(n => n.StartsWith("MentorCloud.Infrastructure") || n.StartsWith("MentorCloud.WebApi"));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_WebApi()
    {
        ArchitectureRules.TypesDependingOn(Layers.Infrastructure, "MentorCloud.WebApi").ShouldBeEmpty();
        ArchitectureRules.ReferencedAssemblyNames(Layers.Infrastructure).ShouldNotContain(n => n.StartsWith("MentorCloud.WebApi"));
    }
}
