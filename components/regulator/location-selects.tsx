"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import type { Department } from "@/lib/registry/geography";

/** Departamento → Provincia → Distrito, each list narrowed by the one before. */
export function LocationSelects({ departments, initial }: { departments: Department[]; initial: { department?: string; province?: string; district?: string } }) {
  const [department, setDepartment] = useState(initial.department ?? "");
  const [province, setProvince] = useState(initial.province ?? "");
  const [district, setDistrict] = useState(initial.district ?? "");
  const provinces = departments.find((entry) => entry.name === department)?.provinces ?? [];
  const districts = provinces.find((entry) => entry.name === province)?.districts ?? [];
  return (
    <>
      <Field id="department" label="Departamento">
        <select
          id="department"
          name="department"
          value={department}
          onChange={(event) => {
            setDepartment(event.target.value);
            setProvince("");
            setDistrict("");
          }}
          className={inputClass}
        >
          <option value="">Todos</option>
          {departments.map((entry) => (
            <option key={entry.name}>{entry.name}</option>
          ))}
        </select>
      </Field>
      <Field id="province" label="Provincia">
        <select
          id="province"
          name="province"
          value={province}
          disabled={!department}
          onChange={(event) => {
            setProvince(event.target.value);
            setDistrict("");
          }}
          className={inputClass}
        >
          <option value="">Todas</option>
          {provinces.map((entry) => (
            <option key={entry.name}>{entry.name}</option>
          ))}
        </select>
      </Field>
      <Field id="district" label="Distrito">
        <select id="district" name="district" value={district} disabled={!province} onChange={(event) => setDistrict(event.target.value)} className={inputClass}>
          <option value="">Todos</option>
          {districts.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </Field>
    </>
  );
}
