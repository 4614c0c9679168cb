namespace MentorCloud.TestSupport;

/// <summary>Files of the repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>MentorCloud.sln</c>, above the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "MentorCloud.sln"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (MentorCloud.sln) was not found above " + AppContext.BaseDirectory);
    }
}
