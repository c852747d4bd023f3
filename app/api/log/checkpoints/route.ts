import { checkpointsQuerySchema } from "@/lib/log/api-schemas";
import { parseQuery, publicJson, publicRoute } from "@/lib/log/http";
import { checkpointsAfter } from "@/lib/log/store";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET: every checkpoint the log signed, in size order, a page at a time (?after=SIZE&limit=N). */
export async function GET(request: Request) {
  return publicRoute(async () => {
    const { after, limit } = parseQuery(checkpointsQuerySchema, request.url);
    const page = await checkpointsAfter(database().sql, after, limit);
    return publicJson(
      { checkpoints: page.map((checkpoint) => ({ treeSize: checkpoint.treeSize, signedAt: checkpoint.signedAt.toISOString(), note: checkpoint.note })) },
      page.length === limit ? "public, max-age=3600" : "public, max-age=5",
    );
  });
}
