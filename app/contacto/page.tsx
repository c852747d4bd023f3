import { Shell } from "@/components/layout/shell";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { currentUser } from "@/lib/next/session";

export const metadata = { title: "Contacto" };

const CONTACTS = [
  { type: "Correo electrónico", details: ["scop@osinergmin.gob.pe", "ccontrolscop@osinergmin.gob.pe"], href: (d: string) => `mailto:${d}` },
  { type: "Teléfono Fijo", details: [1360, 1361, 1362, 1363, 1364, 1365].map((ext) => `219-3400 anexo ${ext}`), href: () => "tel:+5112193400" },
  { type: "Celulares", details: ["945-897655", "950-837712", "938-423106", "970-012986"], href: (d: string) => `tel:+51${d.replace("-", "")}` },
];

/** Section 6 of the manual: the Centro de Control SCOP's contact details. */
export default async function ContactPage() {
  const user = await currentUser();
  return (
    <Shell user={user}>
      <PageHeader
        title="Contacto"
        description="En caso de alguna ocurrencia, duda o consulta respecto a los flujos en la generación y cierre de los Códigos de Autorización, comuníquese con el Centro de Control SCOP:"
      />
      <Table caption="Números de contacto con el SCOP">
        <thead>
          <tr>
            <th>Ítem</th>
            <th>Tipo de Contacto</th>
            <th>Detalle</th>
          </tr>
        </thead>
        <tbody>
          {CONTACTS.map((contact, index) => (
            <tr key={contact.type}>
              <td>{index + 1}</td>
              <td className="font-semibold">{contact.type}</td>
              <td>
                <ul>
                  {contact.details.map((detail) => (
                    <li key={detail}>
                      <a href={contact.href(detail)} className="inline-block py-1 text-scop-700 underline">
                        {detail}
                      </a>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Shell>
  );
}
