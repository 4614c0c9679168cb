// The README's walkthrough with the typed client, against a running service with the demo data:
//   MENTORCLOUD_URL=http://localhost:5080 npm run walkthrough
// Exits non-zero on any unexpected answer, so CI can run it against a fresh service.
import { createMentorCloudClient, expectOk, ProblemError, signIn, type Language } from "../src/index.js";

const baseUrl = process.env.MENTORCLOUD_URL ?? "http://localhost:5080";
const language: Language = "en";
const password = "Demo#2026";
const districtCode = "demo";
const schoolCode = "demo-school";

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function clientFor(username: string, userPassword: string) {
  const { accessToken } = await signIn(baseUrl, username, userPassword, { language });
  return createMentorCloudClient({ baseUrl, token: accessToken, language });
}

async function main(): Promise<void> {
  console.log(`MentorCloud at ${baseUrl}`);

  // The platform admin sees every district.
  const platform = await clientFor("platform", "Platform#2026");
  const districts = await expectOk(platform.GET("/api/v1/districts", { params: { query: { pageSize: 200 } } }));
  console.log(`districts (${districts.totalCount}): ${districts.items.map((d) => d.code).join(", ")}`);
  check(districts.items.some((d) => d.code === districtCode), `district '${districtCode}' is not listed`);

  // The district admin reads the district and finds the demo school among its schools.
  const districtAdmin = await clientFor("demo-district", password);
  const district = await expectOk(districtAdmin.GET("/api/v1/districts/{district}", { params: { path: { district: districtCode } } }));
  console.log(`district: ${district.code} ${district.name}`);
  const schools = await expectOk(districtAdmin.GET("/api/v1/districts/{district}/schools", { params: { path: { district: districtCode } } }));
  const school = schools.items.find((s) => s.code === schoolCode);
  check(school, `school '${schoolCode}' is not listed in district '${districtCode}'`);
  console.log(`school: ${school.code} ${school.name} (${school.status})`);
  check(school.status === "ready", `school '${schoolCode}' is ${school.status}`);

  // The school admin reads the policy, the mentor groups, the classes and the students of one class.
  const schoolAdmin = await clientFor("demo-admin", password);
  const me = await expectOk(schoolAdmin.GET("/api/v1/me"));
  check(me.schoolCode === schoolCode, `demo-admin belongs to '${me.schoolCode}'`);
  const scope = { params: { path: { school: schoolCode } } };

  const policy = await expectOk(schoolAdmin.GET("/api/v1/schools/{school}/policy", scope));
  console.log(`policy: at most ${policy.maxStudentsPerMentor} students per mentor, ${policy.maxMentorsPerStudent} mentors per student`);

  const groups = await expectOk(schoolAdmin.GET("/api/v1/schools/{school}/mentor-groups", scope));
  console.log(`mentor groups: ${groups.totalCount}`);

  const everyone = await expectOk(schoolAdmin.GET("/api/v1/schools/{school}/students", { params: { path: { school: schoolCode }, query: { pageSize: 1 } } }));
  check(everyone.totalCount > 0, "the demo school has no students");
  console.log(`students of the school: ${everyone.totalCount}`);

  const classes = await expectOk(schoolAdmin.GET("/api/v1/schools/{school}/classes", scope));
  const firstClass = classes.items[0];
  check(firstClass, "the demo school has no classes");
  const students = await expectOk(
    schoolAdmin.GET("/api/v1/schools/{school}/students", {
      params: { path: { school: schoolCode }, query: { classId: firstClass.id, pageSize: 200 } },
    }),
  );
  check(students.items.length > 0, `class ${firstClass.name} has no students`);
  check(students.items.every((s) => s.classId === firstClass.id), "the class filter returned students of other classes");
  console.log(`students of ${firstClass.name} (${students.totalCount}):`);
  for (const student of students.items) console.log(`  ${student.studentNo} ${student.name}`);

  // Another school is out of reach: 404 as problem details, in the language asked for.
  try {
    await expectOk(schoolAdmin.GET("/api/v1/schools/{school}/policy", { params: { path: { school: "no-such-school" } } }));
    throw new Error("another school's policy was readable");
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    check(error.status === 404, `another school's policy answered ${error.status}, expected 404`);
    console.log(`another school: ${error.status} ${error.title} (trace ${error.traceId})`);
  }
}

main().catch((error: unknown) => {
  console.error("walkthrough failed:", error instanceof ProblemError ? `${error.message} ${JSON.stringify(error.problem)}` : error);
  process.exitCode = 1;
});
