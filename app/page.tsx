export default function Home() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-3xl font-bold text-scop-800">SCOP GLP</h1>
      <p className="mt-2 text-lg">Sistema de Control de Órdenes de Pedido de GLP a granel</p>
    </main>
  );
}
