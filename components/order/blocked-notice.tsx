import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";

/** Why an order cannot be acted on from this screen (its state no longer allows it). */
export interface Blocked {
  title: string;
  text: string;
}

export function BlockedNotice({ blocked, back }: { blocked: Blocked; back: string }) {
  return (
    <div className="space-y-4">
      <Alert tone="warning" title={blocked.title}>
        {blocked.text}
      </Alert>
      <ButtonLink href={back} variant="secondary">
        Volver
      </ButtonLink>
    </div>
  );
}
